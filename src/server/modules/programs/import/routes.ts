/**
 * The program recap import: upload → sheet → preview (repeat while resolving problems)
 * → commit (a job) → status. Handler order as everywhere: route access (config.access)
 * → schema validation → domain command → response. Multipart parsing is registered in
 * this plugin only. Logs never carry cell contents: errors are logged by code.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../../../../shared/contracts/common.ts';
import {
  importMappingBody,
  importPreview,
  importStatus as importStatusSchema,
  sheetPreview as sheetPreviewSchema,
  sheetQuery,
  uploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';
import { acceptUploads, uploadedFile } from '../../../files/upload.ts';
import { auditContextOf } from '../../../http/auth.ts';
import { EDITORS, errorResponses, idParams } from '../../../http/route-kit.ts';
import {
  commitImport,
  ensureImportWorker,
  importStatus,
  previewImport,
  sheetPreview,
  uploadWorkbook,
} from './import-programs.ts';

/** An import's answer can also be 410 IMPORT_SESSION_EXPIRED: its uploaded file is gone. */
const errors = { ...errorResponses, 410: errorBody };

export const programImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await acceptUploads(app);
  const logInternal = (error: unknown) =>
    app.log.error({ code: (error as { code?: unknown })?.code ?? null }, 'program import job failed');
  // The job runner is attached after the app is built (main.ts), so the worker registers when the server starts.
  app.addHook('onReady', async () => {
    if (app.jobs?.isUp()) await ensureImportWorker(app.jobs, app.database, logInternal);
  });

  app.post(
    '/programs/import/workbooks',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['program import'],
        summary: 'Upload a program recap (XLSX or CSV) to import',
        description:
          'multipart/form-data with one file in the field "file" (at most 10 MB; 10,000 rows per sheet). The ' +
          'cells are kept for 24 hours for the steps that follow. Answers the sheets and a preview of the first ' +
          'sheet that looks like a table, with the guessed header row and column mapping.',
        response: { 200: uploadedWorkbook, ...errors, 413: errorBody, 415: errorBody },
      },
    },
    async (request) => {
      const { file, fileName } = await uploadedFile(request, 'rekap');
      return uploadWorkbook(db, request.actor, file, fileName);
    },
  );

  app.get(
    '/programs/import/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['program import'],
        summary:
          'State of an import: uploaded, queued, running (with progress), done (with counts) or failed',
        params: idParams,
        response: { 200: importStatusSchema, ...errors },
      },
    },
    async (request) => importStatus(db, request.actor, request.params.id),
  );

  app.get(
    '/programs/import/:id/sheet',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['program import'],
        summary: 'The first rows of another sheet of the upload, with its guessed header and mapping',
        params: idParams,
        querystring: sheetQuery,
        response: { 200: sheetPreviewSchema, ...errors },
      },
    },
    async (request) => sheetPreview(db, request.actor, request.params.id, request.query.name),
  );

  app.post(
    '/programs/import/:id/preview',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['program import'],
        summary: 'The programs a mapping reads from the sheet, with every problem by row and column',
        description:
          'Writes nothing. An empty `columns` uses the guessed mapping. Problems carry the Excel row, the column ' +
          'letter, a stable code and, for ambiguous cells, the readings to choose from; send the choices back ' +
          'as `resolutions` ({row, column, item?, value}) until `valid` is true.',
        params: idParams,
        body: importMappingBody,
        response: { 200: importPreview, ...errors },
      },
    },
    async (request) => previewImport(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/programs/import/:id/commit',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['program import'],
        summary: 'Write the programs of a fully valid preview, as a job (all or nothing)',
        description:
          'The same body as the preview. With any problem left: 400 IMPORT_NOT_VALID with the problems as ' +
          'details (path = cell, e.g. "L13"). Otherwise the import is queued; follow it with GET ' +
          "/programs/import/{id}. Programs are matched by key (the file's reference, or owner + title + start " +
          'year), so importing the same file again updates them instead of adding copies.',
        params: idParams,
        body: importMappingBody,
        response: { 200: importStatusSchema, ...errors },
      },
    },
    async (request) =>
      commitImport(
        app.database,
        app.jobs,
        request.actor,
        request.params.id,
        request.body,
        auditContextOf(request),
        logInternal,
      ),
  );
};
