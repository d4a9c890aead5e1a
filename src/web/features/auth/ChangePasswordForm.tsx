import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { changePasswordBody } from '../../../shared/contracts/accounts.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { hasFieldProblems, problemsFromApiError, problemsFromZod } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useChangePassword } from './session.ts';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** Current password, a new one (at least 10 characters) typed twice. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const change = useChangePassword();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: (values) => {
      const result = changePasswordBody.safeParse({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      const problems = result.success ? {} : problemsFromZod(result.error.issues);
      if (values.currentPassword === '') problems.currentPassword = { code: 'required' };
      if (values.newPassword === '') problems.newPassword = { code: 'required' };
      if (!problems.newPassword && values.confirmPassword !== values.newPassword) {
        problems.confirmPassword = { code: 'mismatch' };
      }
      return formErrorsOf('password', problems);
    },
  });

  const fieldProblems = change.isError ? problemsFromApiError(change.error) : {};
  const submit = form.onSubmit((values) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notify({ message: t('auth.password.changed') });
          onChanged?.();
        },
        onError: (error) => {
          const problems = problemsFromApiError(error);
          if (hasFieldProblems(problems)) form.setErrors(formErrorsOf('password', problems));
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        {change.isError && !hasFieldProblems(fieldProblems) && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(change.error)}
          </Alert>
        )}
        <PasswordInput
          label={t('auth.password.current')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label={t('auth.password.new')}
          description={t('auth.password.rule')}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput
          label={t('auth.password.confirm')}
          autoComplete="new-password"
          required
          {...form.getInputProps('confirmPassword')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('auth.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
