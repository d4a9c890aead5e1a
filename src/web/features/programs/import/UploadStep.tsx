import { Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedWorkbook } from '../../../../shared/contracts/program-import.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { UploadIcon } from '../../../components/icons.tsx';
import type { UploadProgress } from '../../../lib/api-client.ts';
import { useUploadWorkbook } from './api.ts';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: choose the recap file and upload it, with the upload's progress. */
export function UploadStep({ onUploaded }: { onUploaded: (workbook: UploadedWorkbook) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useUploadWorkbook(setProgress);
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('programImport.upload.text')}</Text>
      <FileInput
        label={t('programImport.upload.file')}
        description={t('programImport.upload.fileHint')}
        placeholder={t('programImport.upload.choose')}
        accept={ACCEPT}
        value={file}
        onChange={(next) => {
          setFile(next);
          upload.reset();
        }}
        clearable
        leftSection={<UploadIcon />}
        disabled={upload.isPending}
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      />
      <Group>
        <Button
          disabled={!file}
          loading={upload.isPending}
          onClick={() => {
            if (!file) return;
            setProgress({ loaded: 0, total: file.size, done: false });
            upload.mutate(file, { onSuccess: onUploaded, onSettled: () => setProgress(null) });
          }}
        >
          {t('programImport.upload.submit')}
        </Button>
      </Group>
      {progress && (
        <Stack gap={4} aria-live="polite">
          <Text size="sm">
            {progress.done
              ? t('programImport.upload.reading')
              : t('programImport.upload.uploading', { percent })}
          </Text>
          <Progress
            value={progress.done ? 100 : percent}
            striped={progress.done}
            animated={progress.done}
            aria-label={t('programImport.upload.progress')}
          />
        </Stack>
      )}
      {upload.isError && <ErrorAlert error={upload.error} title={t('programImport.upload.refused')} />}
    </Stack>
  );
}
