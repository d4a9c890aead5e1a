import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Partnership } from '../../../shared/contracts/partnerships.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { canCreatePartnerships, programOwnerChoices } from '../auth/permissions.ts';
import { ForbiddenPanel, RequireAccess } from '../auth/RequireAccess.tsx';
import { useSession } from '../auth/session.ts';
import { usePartnership } from './api.ts';
import { emptyPartnershipValues, type PartnershipFormValues, valuesOfPartnership } from './form-values.ts';
import { PartnershipForm } from './PartnershipForm.tsx';
import { PartnershipNotFound } from './PartnershipPage.tsx';

/** A renewal starts from the agreement it renews: same parties and roles, linked back to it. */
export function renewalValuesOf(previous: Partnership): PartnershipFormValues {
  const values = valuesOfPartnership(previous);
  return {
    ...values,
    key: '',
    agreementNumber: '',
    signedOn: '',
    startsOn: previous.endsOn ?? '',
    endsOn: '',
    renews: { id: previous.id, title: previous.title },
    programs: [],
    documents: [],
    status: 'draft',
  };
}

function CreatePartnership() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const renewsId = searchParams.get('renews') ?? undefined;
  const previous = usePartnership(renewsId);
  const user = useSession().data?.user ?? null;
  const choices = programOwnerChoices(user);
  const only = choices?.length === 1 ? choices[0] : undefined;
  if (renewsId && previous.isPending) return <Skeleton h={480} />;
  if (renewsId && previous.isError) {
    return <ErrorAlert error={previous.error} onRetry={() => void previous.refetch()} />;
  }
  const initial = previous.data
    ? renewalValuesOf(previous.data)
    : emptyPartnershipValues(only ? { id: only.id, legalName: only.name } : null);
  return (
    <Stack gap={0}>
      <PageHeader
        crumbs={[
          { label: t('nav.partnerships'), to: '/kemitraan' },
          { label: t('partnerships.form.createTitle') },
        ]}
        title={t('partnerships.form.createTitle')}
        subtitle={t('partnerships.form.createIntro')}
      />
      <PartnershipForm key={renewsId ?? 'new'} initialValues={initial} />
    </Stack>
  );
}

/** /kemitraan/baru (optionally `?renews=<id>`): record a partnership. */
export function CreatePartnershipPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('partnerships.form.createTitle'));
  return (
    <RequireAccess allow={canCreatePartnerships}>
      <CreatePartnership />
    </RequireAccess>
  );
}

function EditPartnership({ id }: { id: string }) {
  const { t } = useTranslation();
  const item = usePartnership(id);
  useDocumentTitle(
    item.data ? t('programs.form.editTitleOf', { title: item.data.title }) : t('partnerships.form.editTitle'),
  );
  if (item.isPending) return <Skeleton h={480} />;
  if (item.isError) {
    const notFound =
      item.error instanceof ApiError && (item.error.isNotFound || item.error.code === 'VALIDATION_FAILED');
    return notFound ? (
      <PartnershipNotFound />
    ) : (
      <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />
    );
  }
  if (!item.data.canEdit) return <ForbiddenPanel />;
  return (
    <Stack gap={0}>
      <PageHeader
        crumbs={[
          { label: t('nav.partnerships'), to: '/kemitraan' },
          { label: item.data.title, to: `/kemitraan/${item.data.id}` },
          { label: t('partnerships.form.editTitle') },
        ]}
        title={t('programs.form.editTitleOf', { title: item.data.title })}
      />
      <PartnershipForm
        key={item.data.version}
        initialValues={valuesOfPartnership(item.data)}
        partnership={item.data}
      />
    </Stack>
  );
}

/** /kemitraan/:id/ubah. */
export function EditPartnershipPage() {
  const { id = '' } = useParams();
  return (
    <RequireAccess>
      <EditPartnership id={id} />
    </RequireAccess>
  );
}
