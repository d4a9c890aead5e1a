import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginBody } from '../../../shared/contracts/accounts.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { problemsFromZod } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { safeNextPath } from './permissions.ts';
import { useLogin, useSession } from './session.ts';

/** The wait the server asked for (SIGN_IN_THROTTLED carries it as a detail, and as Retry-After). */
function retryAfterSeconds(error: ApiError): number {
  const seconds = Number(error.details.find((d) => d.path === 'retryAfterSeconds')?.message);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

/** /masuk: email and password; back to where the reader came from afterwards. */
export function LoginPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const session = useSession();
  const login = useLogin();
  useDocumentTitle(t('auth.login.title'));

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: (values) => {
      const result = loginBody.safeParse({ email: values.email.trim(), password: values.password });
      if (result.success) return {};
      const problems = problemsFromZod(result.error.issues);
      for (const [path, value] of Object.entries(values)) {
        if (path in problems && value.trim() === '') problems[path] = { code: 'required' };
      }
      return formErrorsOf('login', problems);
    },
  });

  if (session.isPending) return <PageLoader />;
  if (session.data?.user && !login.isPending) return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) =>
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => {
          notify({ message: t('auth.login.welcome') });
          void navigate(next, { replace: true });
        },
        onError: () => form.setFieldValue('password', ''),
      },
    ),
  );

  return (
    <Stack maw={440} mx="auto" mt={{ base: 'md', sm: 'xl' }} gap="md">
      <Paper p={{ base: 'md', sm: 'xl' }}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Title order={2}>{t('auth.login.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('auth.login.intro')}
            </Text>
            {login.isError && (
              <Alert color="red" variant="light" role="alert" title={t('auth.login.failed')}>
                {errorMessage(login.error)}
                {login.error instanceof ApiError && login.error.code === 'RATE_LIMITED' && (
                  <Text size="sm" mt={4}>
                    {t('auth.login.rateLimitedHint')}
                  </Text>
                )}
                {login.error instanceof ApiError && login.error.code === 'SIGN_IN_THROTTLED' && (
                  <Text size="sm" mt={4}>
                    {t('auth.login.throttledHint', { count: retryAfterSeconds(login.error) })}
                  </Text>
                )}
              </Alert>
            )}
            <TextInput
              label={t('auth.fields.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('auth.fields.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {session.data?.demoMode && (
        <Alert color="blue" variant="light" title={t('auth.login.demoTitle')}>
          <Text size="sm">{t('auth.login.demoText')}</Text>
        </Alert>
      )}
    </Stack>
  );
}
