import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { canCreatePrograms, programOwnerChoices } from '../auth/permissions.ts';
import { ForbiddenPanel, RequireAccess } from '../auth/RequireAccess.tsx';
import { useSession } from '../auth/session.ts';
import { useProgram } from './api.ts';
import { emptyProgramValues, valuesOfProgram } from './form-values.ts';
import { ProgramForm } from './ProgramForm.tsx';
import { ProgramNotFound } from './ProgramPage.tsx';

function CreateProgram() {
  const { t } = useTranslation();
  const user = useSession().data?.user ?? null;
  // Someone who edits for one organisation only records programs for it: start with it chosen.
  const choices = programOwnerChoices(user);
  const only = choices?.length === 1 ? choices[0] : undefined;
  const owner = only ? { id: only.id, legalName: only.name } : null;
  return (
    <Stack gap={0}>
      <PageHeader
        crumbs={[{ label: t('nav.programs'), to: '/program' }, { label: t('programs.form.createTitle') }]}
        title={t('programs.form.createTitle')}
        subtitle={t('programs.form.createIntro')}
      />
      <ProgramForm initialValues={emptyProgramValues(owner)} />
    </Stack>
  );
}

/** /program/baru: record a program. */
export function CreateProgramPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programs.form.createTitle'));
  return (
    <RequireAccess allow={canCreatePrograms}>
      <CreateProgram />
    </RequireAccess>
  );
}

function EditProgram({ id }: { id: string }) {
  const { t } = useTranslation();
  const program = useProgram(id);
  useDocumentTitle(
    program.data
      ? t('programs.form.editTitleOf', { title: program.data.title })
      : t('programs.form.editTitle'),
  );
  if (program.isPending) return <Skeleton h={480} />;
  if (program.isError) {
    const notFound =
      program.error instanceof ApiError &&
      (program.error.isNotFound || program.error.code === 'VALIDATION_FAILED');
    return notFound ? (
      <ProgramNotFound />
    ) : (
      <ErrorAlert error={program.error} onRetry={() => void program.refetch()} />
    );
  }
  if (!program.data.canEdit) return <ForbiddenPanel />;
  return (
    <Stack gap={0}>
      <PageHeader
        crumbs={[
          { label: t('nav.programs'), to: '/program' },
          { label: program.data.title, to: `/program/${program.data.id}` },
          { label: t('programs.form.editTitle') },
        ]}
        title={t('programs.form.editTitleOf', { title: program.data.title })}
      />
      {/* Keyed by version: a reload after a conflict starts from the latest values. */}
      <ProgramForm
        key={program.data.version}
        initialValues={valuesOfProgram(program.data)}
        program={program.data}
      />
    </Stack>
  );
}

/** /program/:id/ubah: edit a program (those who may edit it: see `canEdit`). */
export function EditProgramPage() {
  const { id = '' } = useParams();
  return (
    <RequireAccess>
      <EditProgram id={id} />
    </RequireAccess>
  );
}
