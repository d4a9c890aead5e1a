/**
 * Spreadsheet uploads, the same for every import route: one size limit, enforced first on
 * the declared Content-Length (refused before a byte is read) and then by the multipart
 * parser while it reads (a chunked body or a lying header); one file per request, in the
 * field "file"; multipart failures become our error codes rather than 500s.
 */
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Upload size of every import (XLSX or CSV). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `Upload one file of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);

/** Registers multipart parsing in this plugin (and so only for its routes) with the upload limits. */
export async function acceptUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
  });
}

/** The uploaded file and its name (path parts and control characters dropped; shown back to its owner only). */
export async function uploadedFile(
  request: FastifyRequest,
  defaultName = 'berkas',
): Promise<{ file: Buffer; fileName: string }> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file') {
      throw new AppError('IMPORT_FILE_INVALID', 'Send the file as multipart/form-data in the field "file"');
    }
    const file = await part.toBuffer();
    const fileName =
      path
        .basename(part.filename || defaultName)
        .replace(/[\p{Cc}]/gu, '')
        .slice(0, 200) || defaultName;
    return { file, fileName };
  } catch (error) {
    if (error instanceof AppError) throw error;
    switch ((error as { code?: unknown }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw tooLarge();
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
      default:
        throw new AppError('IMPORT_FILE_INVALID', 'The upload could not be read');
    }
  }
}
