import { screen, within } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { renderWithProviders } from '@/testing/render';
import { AppNav } from '../layout/app-nav';

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname}</p>;
}

function renderNav(route = '/sessions') {
  const result = renderWithProviders(
    <>
      <AppNav />
      <button type="button">Elsewhere</button>
      <Where />
    </>,
    { route },
  );
  const nav = screen.getByRole('navigation', { name: i18n.t('nav.label') });
  const button = within(nav).getByRole('button', { name: 'Menu' });
  return { ...result, nav, button };
}

/** The Menu's list of tabs (hidden while closed, so queried by id rather than by role). */
function menuList(button: HTMLElement): HTMLElement {
  const id = button.getAttribute('aria-controls');
  expect(id).toBeTruthy();
  const list = document.getElementById(id!);
  expect(list).not.toBeNull();
  return list!;
}

describe('AppNav on a phone: the Menu', () => {
  it('is a closed disclosure button naming the current tab, whose list is hidden', () => {
    const { button } = renderNav('/network-elements/open-media');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(menuList(button)).not.toBeVisible();
    // A page under a tab names that tab.
    expect(screen.getByTestId('nav-menu-current')).toHaveTextContent('Network Elements');
  });

  it('opens on click with every tab, focus on the current one, and closes on Escape back to the button', async () => {
    const { user, button } = renderNav('/sessions');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const list = menuList(button);
    expect(list).toBeVisible();
    const links = within(list).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Overview',
      'Application Accounts',
      'Sessions',
      'Network Elements',
      'Options',
      'MiVoice',
    ]);
    const current = within(list).getByRole('link', { name: 'Sessions' });
    expect(current).toHaveAttribute('aria-current', 'page');
    expect(current).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(list).not.toBeVisible();
    expect(button).toHaveFocus();
  });

  it('goes to the chosen tab, closes and gives focus back to the button', async () => {
    const { user, button } = renderNav('/overview');
    await user.click(button);
    await user.click(within(menuList(button)).getByRole('link', { name: 'Options' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/options');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(menuList(button)).not.toBeVisible();
    expect(button).toHaveFocus();
    expect(screen.getByTestId('nav-menu-current')).toHaveTextContent('Options');
  });

  it('is reachable by keyboard: Enter opens it, Tab walks the tabs, Enter on one follows it', async () => {
    const { user, button } = renderNav('/overview');
    button.focus();
    await user.keyboard('{Enter}');
    const list = menuList(button);
    expect(within(list).getByRole('link', { name: 'Overview' })).toHaveFocus();
    await user.tab();
    expect(within(list).getByRole('link', { name: 'Application Accounts' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('where')).toHaveTextContent('/accounts');
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes on a click outside without taking focus, and the button toggles it', async () => {
    const { user, button } = renderNav('/overview');
    await user.click(button);
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('button', { name: 'Elsewhere' })).toHaveFocus();

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(menuList(button)).not.toBeVisible();
  });

  it('says Menu in French too', async () => {
    await i18n.changeLanguage('fr');
    renderNav('/overview');
    expect(screen.getByRole('button', { name: 'Menu' })).toBeInTheDocument();
    expect(screen.getByTestId('nav-menu-current')).toHaveTextContent('Vue d’ensemble');
  });
});
