import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ImportMappingBody,
  type ImportPreview,
  type ImportStatus,
  importPreview,
  importStatus,
  sheetPreview,
  type UploadedWorkbook,
  uploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';
import { apiGet, apiSend, apiUpload, type UploadProgress, withQuery } from '../../../lib/api-client.ts';

const base = (importId: string) => `/api/programs/import/${encodeURIComponent(importId)}`;

export const programImportKeys = {
  sheet: (importId: string, name: string) => ['program-import', importId, 'sheet', name] as const,
  status: (importId: string) => ['program-import', importId, 'status'] as const,
};

/** Uploads the recap; the answer holds the sheets and a preview of the first table. */
export function useUploadWorkbook(onProgress: (progress: UploadProgress) => void) {
  return useMutation({
    mutationFn: (file: File): Promise<UploadedWorkbook> => {
      const form = new FormData();
      form.append('file', file);
      return apiUpload('/api/programs/import/workbooks', form, uploadedWorkbook, onProgress);
    },
  });
}

/** The first rows of a sheet with its guessed header and mapping (the upload's answer covers the first). */
export function useSheetPreview(importId: string | null, name: string | null, enabled: boolean) {
  return useQuery({
    queryKey: programImportKeys.sheet(importId ?? '', name ?? ''),
    queryFn: ({ signal }) =>
      apiGet(withQuery(`${base(importId ?? '')}/sheet`, { name }), sheetPreview, { signal }),
    enabled: enabled && Boolean(importId && name),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Reads the sheet with a mapping: programs, problems and warnings. Writes nothing. */
export function usePreviewImport(importId: string | null) {
  return useMutation({
    mutationFn: (body: ImportMappingBody): Promise<ImportPreview> =>
      apiSend('POST', `${base(importId ?? '')}/preview`, body, importPreview),
  });
}

export function useCommitImport(importId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportMappingBody): Promise<ImportStatus> =>
      apiSend('POST', `${base(importId ?? '')}/commit`, body, importStatus),
    onSuccess: (status) => {
      queryClient.setQueryData(programImportKeys.status(status.importId), status);
    },
  });
}

/** The commit job's state, asked again every second while it is queued or running. */
export function useImportStatus(importId: string | null, enabled: boolean) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: programImportKeys.status(importId ?? ''),
    queryFn: async ({ signal }) => {
      const status = await apiGet(base(importId ?? ''), importStatus, { signal });
      // Lists and figures change once the programs are written.
      if (status.state === 'done') {
        await queryClient.invalidateQueries({ queryKey: ['programs'] });
        await queryClient.invalidateQueries({ queryKey: ['whoWhatWhere'] });
      }
      return status;
    },
    enabled: enabled && Boolean(importId),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'queued' || state === 'running' ? 1_000 : false;
    },
  });
}
