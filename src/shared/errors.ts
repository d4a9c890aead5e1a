/**
 * The one list of API error codes. The server maps each code to an HTTP status;
 * the web client shows the Indonesian or English message for it. Codes are stable:
 * never rename one, add a new one instead.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, id: 'Data yang dikirim tidak valid.', en: 'The request is not valid.' },
  AREA_CODE_MALFORMED: {
    status: 400,
    id: 'Kode wilayah tidak sesuai format Kemendagri (mis. 52.03.01.2002).',
    en: 'The area code is not a Kemendagri code (e.g. 52.03.01.2002).',
  },
  AREA_NOT_FOUND: { status: 404, id: 'Wilayah tidak ditemukan.', en: 'Area not found.' },
  BOUNDARY_FILE_INVALID: {
    status: 400,
    id: 'Berkas batas wilayah tidak dapat dibaca sebagai GeoJSON/TopoJSON.',
    en: 'The boundary file is not valid GeoJSON/TopoJSON.',
  },
  UNAUTHENTICATED: { status: 401, id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  FORBIDDEN: {
    status: 403,
    id: 'Anda tidak berwenang melakukan ini.',
    en: 'You are not allowed to do this.',
  },
  ADMIN_API_DISABLED: {
    status: 403,
    id: 'API administrasi tidak aktif di server ini.',
    en: 'The administration API is not enabled on this server.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    id: 'Email atau kata sandi salah.',
    en: 'Wrong email or password.',
  },
  SIGN_IN_THROTTLED: {
    status: 429,
    id: 'Terlalu banyak percobaan masuk yang gagal dari perangkat atau jaringan ini. Tunggu sebentar lalu coba lagi.',
    en: 'Too many failed sign-ins from this device or network. Wait a little, then try again.',
  },
  CSRF_INVALID: {
    status: 403,
    id: 'Sesi formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.',
    en: 'The form session expired. Reload the page and try again.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    id: 'Ganti kata sandi Anda terlebih dahulu.',
    en: 'Please change your password first.',
  },
  ORGANISATION_POSSIBLE_DUPLICATE: {
    status: 409,
    id: 'Sudah ada organisasi dengan nama yang mirip. Periksa daftar, lalu konfirmasi bila memang berbeda.',
    en: 'Organisations with similar names exist. Check them, then confirm if this one is different.',
  },
  ORGANISATION_KEY_TAKEN: {
    status: 409,
    id: 'Kode organisasi sudah dipakai.',
    en: 'The organisation key is already in use.',
  },
  EMAIL_TAKEN: { status: 409, id: 'Email sudah terdaftar.', en: 'The email is already registered.' },
  VERSION_CONFLICT: {
    status: 409,
    id: 'Data ini baru saja diubah orang lain. Muat ulang untuk melihat versi terbaru.',
    en: 'Someone else changed this just now. Reload to see the latest version.',
  },
  ORGANISATION_NOT_FOUND: { status: 404, id: 'Organisasi tidak ditemukan.', en: 'Organisation not found.' },
  USER_NOT_FOUND: { status: 404, id: 'Pengguna tidak ditemukan.', en: 'User not found.' },
  ISSUE_NOT_FOUND: { status: 404, id: 'Isu tidak ditemukan.', en: 'Issue not found.' },
  ISSUE_EXISTS: { status: 409, id: 'Kode isu sudah ada.', en: 'The issue code already exists.' },
  IMPORT_FILE_INVALID: {
    status: 400,
    id: 'Berkas tidak dapat dibaca. Gunakan templat XLSX atau CSV.',
    en: 'The file cannot be read. Use the XLSX or CSV template.',
  },
  FILE_UNPACKS_TOO_LARGE: {
    status: 413,
    id: 'Isi berkas XLSX terlalu besar setelah dibuka (atau dikompresi secara tidak wajar). Hapus sheet yang tidak dipakai atau bagi berkasnya.',
    en: 'The XLSX file unpacks to more than an import can hold (or is compressed abnormally). Remove unused sheets or split the file.',
  },
  IMPORT_NOTHING_TO_IMPORT: {
    status: 400,
    id: 'Tidak ada yang diimpor: berkas hanya berisi baris contoh dari templat. Ganti baris contoh dengan data Anda.',
    en: 'Nothing to import: the file holds only the template’s example rows. Replace them with your own data.',
  },
  IMPORT_NOT_VALID: {
    status: 400,
    id: 'Masih ada masalah pada data impor. Selesaikan semua masalah di pratinjau sebelum menyimpan.',
    en: 'The import still has problems. Resolve every problem in the preview before saving.',
  },
  IMPORT_SESSION_NOT_FOUND: {
    status: 404,
    id: 'Impor tidak ditemukan. Unggah berkasnya lagi.',
    en: 'Import not found. Upload the file again.',
  },
  IMPORT_SESSION_EXPIRED: {
    status: 410,
    id: 'Impor ini sudah kedaluwarsa (lebih dari 24 jam). Unggah berkasnya lagi.',
    en: 'This import has expired (after 24 hours). Upload the file again.',
  },
  IMPORT_ALREADY_COMMITTED: {
    status: 409,
    id: 'Impor ini sudah disimpan atau sedang disimpan.',
    en: 'This import has been saved already or is being saved.',
  },
  PROGRAM_NOT_FOUND: { status: 404, id: 'Program tidak ditemukan.', en: 'Program not found.' },
  PROGRAM_KEY_TAKEN: {
    status: 409,
    id: 'Kode program sudah dipakai.',
    en: 'The program key is already in use.',
  },
  PROGRAM_STATUS_TRANSITION: {
    status: 409,
    id: 'Status program tidak dapat diubah ke status itu dari status sekarang.',
    en: 'The program cannot move to that status from its current one.',
  },
  PROGRAM_DELETE_NOT_ALLOWED: {
    status: 409,
    id: 'Program yang sedang berjalan atau sudah selesai tidak dihapus; batalkan saja agar riwayatnya tetap tercatat.',
    en: 'A running or completed program is not deleted; cancel it so its history stays on record.',
  },
  PARTNERSHIP_NOT_FOUND: { status: 404, id: 'Kemitraan tidak ditemukan.', en: 'Partnership not found.' },
  PARTNERSHIP_KEY_TAKEN: {
    status: 409,
    id: 'Kode kemitraan sudah dipakai.',
    en: 'The partnership key is already in use.',
  },
  PARTNERSHIP_STATUS_TRANSITION: {
    status: 409,
    id: 'Status kemitraan tidak dapat diubah ke status itu dari status sekarang.',
    en: 'The partnership cannot move to that status from its current one.',
  },
  PARTNERSHIP_LINK_FORBIDDEN: {
    status: 403,
    id: 'Anda hanya dapat memperpanjang perjanjian yang boleh Anda ubah, dan hanya dapat menautkan program yang boleh Anda ubah atau yang dijalankan/diikuti organisasi Anda.',
    en: 'You may only renew an agreement you may edit, and only link programs you may edit or that your organisation runs or takes part in.',
  },
  PARTNERSHIP_PARTY_NOT_FOUND: {
    status: 404,
    id: 'Organisasi itu bukan pihak dalam kemitraan ini.',
    en: 'That organisation is not a party to this partnership.',
  },
  PARTNERSHIP_DELETE_NOT_ALLOWED: {
    status: 409,
    id: 'Hanya kemitraan berstatus draf yang dapat dihapus.',
    en: 'Only draft partnerships can be deleted.',
  },
  EXPORT_TOO_LARGE: {
    status: 400,
    id: 'Terlalu banyak baris untuk diekspor sekaligus. Persempit filter.',
    en: 'Too many rows to export at once. Narrow the filters.',
  },
  EXPORT_BUSY: {
    status: 503,
    id: 'Server sedang membuat banyak ekspor. Coba lagi sebentar lagi.',
    en: 'The server is busy with other exports. Try again in a moment.',
  },
  NOT_FOUND: { status: 404, id: 'Alamat tidak ditemukan.', en: 'Not found.' },
  PAYLOAD_TOO_LARGE: { status: 413, id: 'Berkas terlalu besar.', en: 'The file is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    id: 'Jenis konten tidak didukung.',
    en: 'Unsupported content type.',
  },
  RATE_LIMITED: { status: 429, id: 'Terlalu banyak permintaan, coba lagi nanti.', en: 'Too many requests.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    id: 'Basis data sedang tidak tersedia.',
    en: 'The database is unavailable.',
  },
  INTERNAL_ERROR: {
    status: 500,
    id: 'Terjadi kesalahan pada server. Sebutkan ID permintaan saat melapor.',
    en: 'Something went wrong on the server. Quote the request id when reporting it.',
  },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Shape of every error body the API returns. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    details?: Array<{ path: string; message: string; code?: string }>;
  };
}
