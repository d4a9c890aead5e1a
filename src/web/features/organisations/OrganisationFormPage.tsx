import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { canCreateOrganisations } from '../auth/permissions.ts';
import { ForbiddenPanel, RequireAccess } from '../auth/RequireAccess.tsx';
import { useOrganisation } from './api.ts';
import { emptyOrganisationValues, valuesOfOrganisation } from './form-values.ts';
import { OrganisationForm } from './OrganisationForm.tsx';
import { OrganisationPage } from './OrganisationPage.tsx';

/** /mitra/baru: register an organisation. */
export function CreateOrganisationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organisations.form.createTitle'));
  return (
    <RequireAccess allow={canCreateOrganisations}>
      <Stack gap={0}>
        <PageHeader
          crumbs={[
            { label: t('nav.partners'), to: '/mitra' },
            { label: t('organisations.form.createTitle') },
          ]}
          title={t('organisations.form.createTitle')}
          subtitle={t('organisations.form.createIntro')}
        />
        <OrganisationForm initialValues={emptyOrganisationValues()} />
      </Stack>
    </RequireAccess>
  );
}

function EditOrganisation({ id }: { id: string }) {
  const { t } = useTranslation();
  const org = useOrganisation(id);
  useDocumentTitle(
    org.data
      ? t('organisations.form.editTitleOf', { name: org.data.legalName })
      : t('organisations.form.editTitle'),
  );
  if (org.isPending) return <Skeleton h={480} />;
  // Not found and malformed ids get the profile page's explanation.
  if (org.isError) {
    const notFound =
      org.error instanceof ApiError && (org.error.isNotFound || org.error.code === 'VALIDATION_FAILED');
    return notFound ? (
      <OrganisationPage />
    ) : (
      <ErrorAlert error={org.error} onRetry={() => void org.refetch()} />
    );
  }
  if (!org.data.canEdit) return <ForbiddenPanel />;
  return (
    <Stack gap={0}>
      <PageHeader
        crumbs={[
          { label: t('nav.partners'), to: '/mitra' },
          { label: org.data.shortName ?? org.data.legalName, to: `/mitra/${org.data.id}` },
          { label: t('organisations.form.editTitle') },
        ]}
        title={t('organisations.form.editTitleOf', { name: org.data.legalName })}
      />
      {/* Keyed by version: a reload after a conflict starts from the latest values. */}
      <OrganisationForm
        key={org.data.version}
        initialValues={valuesOfOrganisation(org.data)}
        organisation={org.data}
      />
    </Stack>
  );
}

/** /mitra/:id/ubah: edit an organisation (its editors, coordinators of its area, administrators). */
export function EditOrganisationPage() {
  const { id = '' } = useParams();
  return (
    <RequireAccess>
      <EditOrganisation id={id} />
    </RequireAccess>
  );
}
