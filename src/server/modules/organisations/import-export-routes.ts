/**
 * Organisations as spreadsheets: export of the directory, the import template and the
 * import. Handler order as everywhere: schema validation → route access (config.access)
 * → domain command → response. Multipart parsing is registered here only, so no other
 * route accepts uploads.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../shared/contracts/common.ts';
import { importResult, listOrganisationsQuery } from '../../../shared/contracts/organisations.ts';
import { sendStreamedFile } from '../../files/export-stream.ts';
import { acceptUploads, uploadedFile } from '../../files/upload.ts';
import { auditContextOf } from '../../http/auth.ts';
import { errorResponses } from '../../http/route-kit.ts';
import { exportOrganisations, organisationTemplate, type SheetFile } from './export-organisations.ts';
import { importOrganisations } from './import-organisations.ts';

const fileFormat = z.enum(['xlsx', 'csv']).default('xlsx').describe('xlsx (Excel workbook) or csv (UTF-8)');
/** The file itself: not JSON, so the serializer leaves the Buffer alone. */
const fileResponse = z.any().describe('The spreadsheet file (Content-Disposition: attachment)');
/** What the file routes send: the spreadsheet, or a JSON error body. */
const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/json',
];

export const exportOrganisationsQuery = listOrganisationsQuery
  .omit({ limit: true, offset: true })
  .extend({ format: fileFormat });
export const templateQuery = z.object({ format: fileFormat }).strict();
export const importQuery = z
  .object({ dryRun: z.stringbool().default(false).describe('Check and count only; write nothing') })
  .strict();

function sendFile(reply: FastifyReply, file: SheetFile) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export const organisationImportExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await acceptUploads(app);

  app.get(
    '/organisations/export',
    {
      config: { access: 'signed_in', rateLimit: app.exportLimits.rateLimit },
      schema: {
        tags: ['organisations'],
        summary: 'The directory as XLSX or CSV, with the filters of GET /organisations',
        description:
          'Same visibility and filters as the list, without paging; streamed in batches. Contact persons are ' +
          'personal data: an export that includes them is recorded in the audit log. The columns are those of ' +
          'the import. Limited per address and minute (429 RATE_LIMITED) and by the server-wide export gate ' +
          '(503 EXPORT_BUSY), as the program export.',
        querystring: exportOrganisationsQuery,
        produces: SPREADSHEET_TYPES,
        response: { 200: fileResponse, ...errorResponses, 429: errorBody, 503: errorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      return sendStreamedFile(request, reply, app.exportLimits.gate, () =>
        exportOrganisations(db, request.actor, filter, format, auditContextOf(request), (error) =>
          request.log.error(
            { code: (error as { code?: unknown })?.code ?? null },
            'organisation export failed',
          ),
        ),
      );
    },
  );

  app.get(
    '/organisations/import/template',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['organisations'],
        summary: 'Import template: the header row and two example rows (XLSX: plus instructions)',
        querystring: templateQuery,
        produces: SPREADSHEET_TYPES,
        response: { 200: fileResponse, ...errorResponses },
      },
    },
    async (request, reply) => sendFile(reply, await organisationTemplate(db, request.query.format)),
  );

  app.post(
    '/organisations/import',
    {
      config: { access: ['platform_admin', 'coordinator'] },
      schema: {
        tags: ['organisations'],
        summary: 'Import organisations from an XLSX or CSV file (upsert by kode, all or nothing)',
        description:
          'multipart/form-data with one file in the field "file" (at most 10 MB, 10,000 rows). Every row is ' +
          'checked; with any problem nothing is written and `problems` lists each by row and column (the ' +
          'web client turns them into the downloadable error file). An unreadable file is 400 ' +
          'IMPORT_FILE_INVALID. Coordinators import only inside their area.',
        querystring: importQuery,
        response: { 200: importResult, ...errorResponses, 413: errorBody, 415: errorBody },
      },
    },
    async (request) => {
      const { file } = await uploadedFile(request);
      return importOrganisations(db, request.actor, file, request.query, auditContextOf(request));
    },
  );
};
