import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { SearchIcon } from './icons.tsx';

/** How long typing pauses before the search text reaches the URL (and the server). */
const SEARCH_PAUSE_MS = 300;

/**
 * A list page's search box: text is typed freely and reaches the URL (and the server) trimmed,
 * after a pause, so each key press does not start a request.
 */
export function SearchInput({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  const pushed = useRef(value);
  const push = useDebouncedCallback((q: string) => {
    pushed.current = q.trim();
    onChange(q.trim());
  }, SEARCH_PAUSE_MS);
  // Back/forward or "reset filters" changed the URL: show what it now says.
  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setText(value);
    }
  }, [value]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      type="search"
      enterKeyHint="search"
      leftSection={<SearchIcon />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        push(event.currentTarget.value);
      }}
    />
  );
}
