import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getCsrfToken } from '@/lib/api-client';
import { adminMe } from '@/testing/data';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { getMeQueryOptions } from '../../../lib/me';
import { LoginForm } from '../components/login-form';

describe('LoginForm', () => {
  it('shows the server error message on invalid credentials and clears the password', async () => {
    const { requests } = mockFetch({
      'POST /api/v1/auth/login': {
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'Invalid user name or password' } },
      },
    });
    const onSuccess = vi.fn();
    const { user } = renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Invalid user name or password')).toBeInTheDocument();
    expect(requests[0]?.body).toEqual({ username: 'admin', password: 'wrong-password' });
    expect(screen.getByLabelText('Password')).toHaveValue('');
    // No hint about which of the two was wrong.
    expect(screen.getByLabelText('User name')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('shows the throttling message on 429', async () => {
    mockFetch({
      'POST /api/v1/auth/login': {
        status: 429,
        body: { error: { code: 'rate_limited', message: 'Too many attempts, try again in 60 seconds' } },
      },
    });
    const { user } = renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too many attempts, try again in 60 seconds')).toBeInTheDocument();
  });

  it("words a throttle's refusal itself, from its reason and minutes", async () => {
    mockFetch({
      'POST /api/v1/auth/login': {
        status: 429,
        body: {
          error: {
            code: 'rate_limited',
            message: 'Too many failed sign-in attempts. Try again in 15 minutes.',
            reason: 'too_many_failures',
            params: { minutes: '1' },
          },
        },
      },
    });
    const { user } = renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByText('Too many failed sign-in attempts. Try again in 1 minute.'),
    ).toBeInTheDocument();
  });

  it('asks for missing fields without calling the server', async () => {
    const { requests } = mockFetch({});
    const { user } = renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('User name')).toHaveAccessibleDescription('Enter your user name');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
    expect(requests).toHaveLength(0);
  });

  it('stores the signed-in user and CSRF token on success', async () => {
    mockFetch({ 'POST /api/v1/auth/login': { body: adminMe } });
    const onSuccess = vi.fn();
    const { user, queryClient } = renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(adminMe));
    expect(getCsrfToken()).toBe(adminMe.csrfToken);
    expect(queryClient.getQueryData(getMeQueryOptions().queryKey)).toEqual(adminMe);
  });
});
