import { ActionIcon, Button, Grid, Group, Paper } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '../../shared/contracts/limits.ts';
import { type DocumentRow, EMPTY_DOCUMENT, MAX_DOCUMENTS } from '../lib/document-links.ts';
import { PlusIcon, TrashIcon } from './icons.tsx';
import { LimitedTextInput } from './LimitedText.tsx';

/** What this fieldset needs of a Mantine form whose values hold `documents`. */
type FormWithDocuments = {
  getValues(): { documents: DocumentRow[] };
  getInputProps(path: string): GetInputPropsReturnType;
  insertListItem(path: 'documents', item: DocumentRow): void;
  removeListItem(path: 'documents', index: number): void;
};

/**
 * The document links of a program or partnership: one fieldset per link (title and address), a
 * remove button on each and "add" below, up to MAX_DOCUMENTS. The address field brings up a
 * phone's URL keyboard.
 */
export function DocumentLinksFieldset({ form }: { form: FormWithDocuments }) {
  const { t } = useTranslation();
  const documents = form.getValues().documents;
  return (
    <>
      {documents.map((_, row) => (
        <Paper
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by position
          key={row}
          p="sm"
          bg="var(--mantine-color-gray-0)"
          component="fieldset"
          aria-label={t('programs.form.documentRow', { n: row + 1 })}
          style={{ minWidth: 0, margin: 0 }}
        >
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <LimitedTextInput
                label={t('programs.fields.documentTitle')}
                required
                limit={TEXT_LIMITS.documentTitle}
                {...form.getInputProps(`documents.${row}.title`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 10, sm: 6 }}>
              <LimitedTextInput
                label={t('programs.fields.documentUrl')}
                required
                type="url"
                inputMode="url"
                placeholder="https://"
                limit={TEXT_LIMITS.documentUrl}
                {...form.getInputProps(`documents.${row}.url`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 2, sm: 1 }}>
              <ActionIcon
                variant="subtle"
                color="red.8"
                size="lg"
                aria-label={t('programs.form.removeDocument', { n: row + 1 })}
                onClick={() => form.removeListItem('documents', row)}
              >
                <TrashIcon />
              </ActionIcon>
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<PlusIcon />}
          disabled={documents.length >= MAX_DOCUMENTS}
          onClick={() => form.insertListItem('documents', { ...EMPTY_DOCUMENT })}
        >
          {t('programs.form.addDocument')}
        </Button>
      </Group>
    </>
  );
}
