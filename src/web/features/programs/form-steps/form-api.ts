import type { UseFormReturnType } from '@mantine/form';
import type { ProgramFormValues } from '../form-values.ts';

/** The program form's state as every step reads and changes it. */
export type ProgramFormApi = UseFormReturnType<ProgramFormValues>;
