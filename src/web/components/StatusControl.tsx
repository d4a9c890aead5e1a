import { Button, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../lib/notify.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { DateField } from './DateField.tsx';

/** Today's calendar date where the reader is (not UTC: NTB is 8 hours ahead). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The part of a status mutation this control needs (TanStack Query's useMutation result fits). */
interface StatusMutation<S extends string> {
  isPending: boolean;
  mutate(
    variables: { status: S; on?: string | undefined; version: number },
    options: { onSuccess: (saved: { status: S }) => void; onError: (error: unknown) => void },
  ): void;
}

/**
 * A lifecycle menu for programs and partnerships: only the moves the record's transition
 * table allows, each confirmed with its date. Labels come from `<domain>.detail.moveTo.*`
 * and `<domain>.statuses.*`.
 */
export function StatusControl<S extends string>({
  domain,
  status,
  version,
  moves,
  dangerous,
  final = [],
  mutation,
  onError,
}: {
  domain: 'programs' | 'partnerships';
  status: S;
  version: number;
  moves: readonly S[];
  /** The move shown in red and confirmed as dangerous (cancel, terminate). */
  dangerous: S;
  /** Moves after which nothing can change: the dialog says so. */
  final?: readonly S[];
  mutation: StatusMutation<S>;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<S | null>(null);
  const [on, setOn] = useState(localToday());
  if (moves.length === 0) return null;
  const confirm = () => {
    if (!target) return;
    mutation.mutate(
      { status: target, on: on || undefined, version },
      {
        onSuccess: (saved) => {
          setTarget(null);
          notify({
            message: t('programs.detail.statusSaved', { status: t(`${domain}.statuses.${saved.status}`) }),
          });
        },
        onError: (error) => {
          setTarget(null);
          onError(error);
        },
      },
    );
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={mutation.isPending}>
            {t(`${domain}.detail.changeStatus`)}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {moves.map((move) => (
            <Menu.Item
              key={move}
              color={move === dangerous ? 'red.8' : undefined}
              onClick={() => {
                setOn(localToday());
                setTarget(move);
              }}
            >
              {t(`${domain}.detail.moveTo.${move}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={target !== null}
        title={target ? t(`${domain}.detail.moveTo.${target}`) : ''}
        confirmLabel={t('programs.detail.confirmStatus')}
        danger={target === dangerous}
        loading={mutation.isPending}
        onConfirm={confirm}
        onClose={() => setTarget(null)}
      >
        <Stack gap="sm">
          <Text size="sm">
            {target &&
              t('programs.detail.statusQuestion', {
                from: t(`${domain}.statuses.${status}`),
                to: t(`${domain}.statuses.${target}`),
              })}
          </Text>
          {target && final.includes(target) && (
            <Text size="sm" c="dimmed">
              {t('programs.detail.finalWarning')}
            </Text>
          )}
          <DateField label={t('programs.detail.statusOn')} value={on} onChange={setOn} />
        </Stack>
      </ConfirmDialog>
    </>
  );
}
