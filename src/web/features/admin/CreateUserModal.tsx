import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createUserBody } from '../../../shared/contracts/accounts.ts';
import { TEXT_LIMITS } from '../../../shared/contracts/limits.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { LimitedTextInput } from '../../components/LimitedText.tsx';
import { hasFieldProblems, problemsFromApiError, problemsFromZod } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { MONO_INPUT } from '../../theme.ts';
import { hasRole } from '../auth/permissions.ts';
import { useCurrentUser } from '../auth/session.ts';
import { useCreateUser } from './api.ts';
import { temporaryPassword } from './temporary-password.ts';

type Values = { email: string; name: string; password: string };

/** New account with a temporary password the user replaces at first sign-in. */
export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const me = useCurrentUser();
  const create = useCreateUser();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { email: '', name: '', password: temporaryPassword() },
    validate: (values) => {
      const result = createUserBody.safeParse({
        ...values,
        email: values.email.trim(),
        name: values.name.trim(),
      });
      if (result.success) return {};
      const problems = problemsFromZod(result.error.issues);
      for (const key of ['email', 'name', 'password'] as const) {
        if (key in problems && values[key].trim() === '') problems[key] = { code: 'required' };
      }
      return formErrorsOf('user', problems);
    },
  });
  const fieldProblems = create.isError ? problemsFromApiError(create.error) : {};

  const close = () => {
    form.reset();
    form.setFieldValue('password', temporaryPassword());
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) =>
    create.mutate(
      { email: values.email.trim(), name: values.name.trim(), password: values.password },
      {
        onSuccess: (user) => {
          notify({
            title: t('admin.users.created'),
            message: t('admin.users.createdText', { email: user.email }),
          });
          close();
          void navigate(`/admin/pengguna/${user.id}`);
        },
        onError: (error) => {
          const problems = problemsFromApiError(error);
          if (hasFieldProblems(problems)) form.setErrors(formErrorsOf('user', problems));
        },
      },
    ),
  );

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('admin.users.create')}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.isError && !hasFieldProblems(fieldProblems) && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <LimitedTextInput
            limit={TEXT_LIMITS.personName}
            label={t('auth.fields.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput label={t('auth.fields.email')} type="email" required {...form.getInputProps('email')} />
          <TextInput
            label={t('admin.users.temporaryPassword')}
            description={t('admin.users.temporaryPasswordHint')}
            required
            styles={MONO_INPUT}
            autoComplete="off"
            {...form.getInputProps('password')}
            rightSectionWidth={90}
            rightSection={
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => form.setFieldValue('password', temporaryPassword())}
              >
                {t('admin.users.generate')}
              </Button>
            }
          />
          {!hasRole(me, ['platform_admin']) && (
            <Text size="sm" c="dimmed">
              {t('admin.users.orgAdminNote')}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('admin.users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
