import { type NotificationData, notifications } from '@mantine/notifications';
import i18n from '../i18n/index.ts';

/**
 * Shows a notification whose close button is named in the reader's language (Mantine's has no
 * accessible name of its own). Success in teal, failure in red.
 */
export function notify(data: NotificationData & { kind?: 'success' | 'error' }) {
  const { kind = 'success', ...rest } = data;
  notifications.show({
    color: kind === 'success' ? 'teal' : 'red',
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
    ...rest,
  });
}
