import type { Me } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '@/components/ui/spinner';
import { useMe } from '@/lib/me';
import { LoginForm } from '@/features/auth/components/login-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { LanguagePicker } from '../layout/language-picker';

/** Only same-origin console paths; anything else (//evil, https://…) goes to the Overview. */
export function safeRedirect(target: string | null): string {
  if (
    !target ||
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.startsWith('/\\') ||
    target.startsWith('/login')
  ) {
    return '/overview';
  }
  return target;
}

export function LoginRoute() {
  const { t } = useTranslation(['auth', 'common']);
  useDocumentTitle(t('title'));
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));

  if (me.isPending) return <LoadingState label={t('common:loading')} />;
  if (me.data) return <Navigate to={redirectTo} replace />;

  const onSuccess = (_me: Me) => navigate(redirectTo, { replace: true });

  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gray-100 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-800 uppercase">Mitel</p>
          <p className="mt-1 text-xl font-semibold text-gray-900">{t('common:productName')}</p>
          <p className="text-sm text-gray-700">{t('subtitle')}</p>
        </div>
        <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold text-gray-900">{t('title')}</h1>
          <LoginForm onSuccess={onSuccess} />
        </div>
        <div className="mt-4 flex justify-center text-sm">
          <LanguagePicker tone="light" testId="login-language-picker" />
        </div>
      </div>
    </main>
  );
}
