import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '../../../shared/contracts/limits.ts';
import { createIssueBody, type Issue } from '../../../shared/contracts/organisations.ts';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { EditIcon, PlusIcon } from '../../components/icons.tsx';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { hasFieldProblems, problemsFromApiError, problemsFromZod } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { MONO_INPUT } from '../../theme.ts';
import { canEditIssues } from '../auth/permissions.ts';
import { RequireAccess } from '../auth/RequireAccess.tsx';
import { useIssues } from '../organisations/api.ts';
import { AdminNav } from './AdminNav.tsx';
import { useCreateIssue, useUpdateIssue } from './api.ts';

type IssueValues = {
  code: string;
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  sortOrder: number | string;
  active: boolean;
};

const valuesOf = (issue: Issue | null): IssueValues => ({
  code: issue?.code ?? '',
  nameId: issue?.nameId ?? '',
  nameEn: issue?.nameEn ?? '',
  descriptionId: issue?.descriptionId ?? '',
  descriptionEn: issue?.descriptionEn ?? '',
  sortOrder: issue?.sortOrder ?? 100,
  active: issue?.active ?? true,
});

const bodyOf = (v: IssueValues) => ({
  code: v.code.trim(),
  nameId: v.nameId.trim(),
  nameEn: v.nameEn.trim(),
  descriptionId: v.descriptionId.trim() || null,
  descriptionEn: v.descriptionEn.trim() || null,
  sortOrder: typeof v.sortOrder === 'number' ? v.sortOrder : Number.NaN,
});

/** Add an issue (code fixed once saved) or rename, reorder, retire one. */
function IssueModal({
  issue,
  opened,
  onClose,
}: {
  issue: Issue | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const create = useCreateIssue();
  const update = useUpdateIssue();
  const mutation = issue ? update : create;
  const form = useForm<IssueValues>({
    mode: 'controlled',
    initialValues: valuesOf(issue),
    validate: (values) => {
      // One schema for both: a rename must meet the same rules as a new issue.
      const result = createIssueBody.safeParse(bodyOf(values));
      if (result.success) return {};
      const problems = problemsFromZod(result.error.issues);
      for (const key of ['code', 'nameId', 'nameEn'] as const) {
        if (key in problems && values[key].trim() === '') problems[key] = { code: 'required' };
      }
      return formErrorsOf('issue', problems);
    },
  });
  const fieldProblems = mutation.isError ? problemsFromApiError(mutation.error) : {};

  const done = (saved: Issue) => {
    notify({ message: t('admin.issues.saved', { name: saved.nameId }) });
    onClose();
  };
  const failed = (error: unknown) => {
    const problems = problemsFromApiError(error);
    if (hasFieldProblems(problems)) form.setErrors(formErrorsOf('issue', problems));
  };
  const submit = form.onSubmit((values) => {
    const { code, ...rest } = bodyOf(values);
    if (issue)
      update.mutate(
        { code: issue.code, ...rest, active: values.active },
        { onSuccess: done, onError: failed },
      );
    else create.mutate({ code, ...rest }, { onSuccess: done, onError: failed });
  });

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={issue ? t('admin.issues.edit') : t('admin.issues.create')}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {mutation.isError && !hasFieldProblems(fieldProblems) && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(mutation.error)}
            </Alert>
          )}
          <TextInput
            label={t('admin.issues.code')}
            description={issue ? t('admin.issues.codeFixed') : t('admin.issues.codeHint')}
            required
            disabled={Boolean(issue)}
            styles={MONO_INPUT}
            {...form.getInputProps('code')}
          />
          <Group grow align="flex-start" gap="sm" wrap="wrap">
            <LimitedTextInput
              limit={TEXT_LIMITS.issueName}
              label={t('admin.issues.nameId')}
              required
              miw={220}
              {...form.getInputProps('nameId')}
            />
            <LimitedTextInput
              limit={TEXT_LIMITS.issueName}
              label={t('admin.issues.nameEn')}
              required
              miw={220}
              {...form.getInputProps('nameEn')}
            />
          </Group>
          <LimitedTextarea
            limit={TEXT_LIMITS.issueDescription}
            label={t('admin.issues.descriptionId')}
            autosize
            minRows={2}
            {...form.getInputProps('descriptionId')}
          />
          <LimitedTextarea
            limit={TEXT_LIMITS.issueDescription}
            label={t('admin.issues.descriptionEn')}
            autosize
            minRows={2}
            {...form.getInputProps('descriptionEn')}
          />
          <NumberInput
            label={t('admin.issues.sortOrder')}
            description={t('admin.issues.sortOrderHint')}
            min={0}
            max={1000}
            allowDecimal={false}
            maw={200}
            {...form.getInputProps('sortOrder')}
          />
          {issue && (
            <Switch
              label={t('admin.issues.activeLabel')}
              description={t('admin.issues.activeHint')}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function IssuesEditor() {
  const { t } = useTranslation();
  const issues = useIssues(true);
  // `undefined`: closed; `null`: a new issue; an issue: editing it.
  const [editing, setEditing] = useState<Issue | null | undefined>(undefined);
  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[{ label: t('nav.admin'), to: '/admin' }, { label: t('admin.sections.issues.title') }]}
        title={t('admin.sections.issues.title')}
        subtitle={t('admin.sections.issues.text')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setEditing(null)}>
            {t('admin.issues.create')}
          </Button>
        }
      />
      <AdminNav />
      {editing !== undefined && (
        <IssueModal
          key={editing?.code ?? 'new'}
          issue={editing}
          opened
          onClose={() => setEditing(undefined)}
        />
      )}
      <Paper p={{ base: 'sm', sm: 'md' }}>
        {issues.isPending && <Skeleton h={320} />}
        {issues.isError && <ErrorAlert error={issues.error} onRetry={() => void issues.refetch()} />}
        {issues.data && (
          <ScrollTable minWidth={720}>
            <Table striped aria-label={t('admin.sections.issues.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.issues.sortOrder')}</Table.Th>
                  <Table.Th>{t('admin.issues.code')}</Table.Th>
                  <Table.Th>{t('admin.issues.nameId')}</Table.Th>
                  <Table.Th>{t('admin.issues.nameEn')}</Table.Th>
                  <Table.Th>{t('admin.issues.status')}</Table.Th>
                  <Table.Th>
                    <Text span size="sm" fw={700}>
                      {t('admin.memberships.actions')}
                    </Text>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {issues.data.items.map((issue) => (
                  <Table.Tr key={issue.code} c={issue.active ? undefined : 'dimmed'}>
                    <Table.Td>{issue.sortOrder}</Table.Td>
                    <Table.Td>
                      <Code>{issue.code}</Code>
                    </Table.Td>
                    <Table.Td>{issue.nameId}</Table.Td>
                    <Table.Td lang="en">{issue.nameEn}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={issue.active ? 'teal.9' : 'gray.7'}
                        variant="filled"
                        autoContrast
                        tt="none"
                        miw="max-content"
                      >
                        {issue.active ? t('admin.issues.active') : t('admin.issues.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<EditIcon size={14} />}
                        onClick={() => setEditing(issue)}
                        aria-label={t('admin.issues.editLabel', { name: issue.nameId })}
                      >
                        {t('admin.issues.editShort')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Paper>
    </Stack>
  );
}

/** /admin/isu: the issue taxonomy organisations and programs are tagged with. */
export function IssuesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.sections.issues.title'));
  return (
    <RequireAccess allow={canEditIssues}>
      <IssuesEditor />
    </RequireAccess>
  );
}
