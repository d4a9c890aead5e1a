import { useAreaDetail } from '../features/areas/api.ts';
import { AreaPicker } from './AreaPicker.tsx';

/**
 * A list filter by area: the URL holds only the code, so the area's name is looked up to show
 * it (the code stands in until the name arrives).
 */
export function AreaFilter({
  label,
  placeholder,
  code,
  onChange,
}: {
  label: string;
  placeholder: string;
  code: string | undefined;
  onChange: (code?: string) => void;
}) {
  const area = useAreaDetail(code);
  const value = code ? { code, name: area.data?.name ?? code } : null;
  return (
    <AreaPicker
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(next) => onChange(next?.code)}
    />
  );
}
