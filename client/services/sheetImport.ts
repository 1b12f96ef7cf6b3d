/**
 * An Excel import on a page, the same on every page that has one (the census roster, the
 * class-split cohort, the staff workbook, the zone table): pick the file, send it with a step
 * shown while the function reads it, and either the answer or — when the file has problems —
 * the problems listed row by row and one sentence saying nothing was imported. The call itself is
 * a state change in its contract, so it goes with a retry key (services/transport.ts).
 */
import { useRef, useState } from 'react';
import type { Envelope } from '@shared/errors';
import { importProblemsSummary, type ImportProblem } from '@shared/importProblems';
import { spreadsheetPick } from './filePick';

/** An import's answer: whatever it counts, and the problems that stopped it (none: imported). */
type Checked = { readonly problems: readonly ImportProblem[] };

export interface SheetImport {
  /** What is happening now (reading the file, checking it), for the page's Progress. */
  readonly step: string | null;
  /** The last file's problems (shown with ImportProblems); cleared when another file is picked. */
  readonly problems: readonly ImportProblem[];
  /** A spreadsheet the officer picked, as base64; null if they closed the picker or one is on its way. */
  pick(): Promise<string | null>;
  /**
   * Sends a picked file: `checking` shows while the function works; `what` names the file in the
   * sentence about its problems (学区表有 3 处需要修改…). The answer when it was imported, else null
   * (the failure or that sentence has gone to the page's error banner).
   */
  send<T extends Checked>(
    checking: string,
    what: string,
    call: () => Promise<Envelope<T>>,
  ): Promise<T | null>;
  /** Hides the last file's problems (the officer went on to something else). */
  clear(): void;
  /** pick, then send. */
  run<T extends Checked>(
    checking: string,
    what: string,
    call: (base64: string) => Promise<Envelope<T>>,
  ): Promise<T | null>;
}

/** `onError` shows a failure or the problems' sentence (the page's error banner). */
export function useSheetImport(onError: (message: string) => void): SheetImport {
  const [step, setStep] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly ImportProblem[]>([]);
  // A second tap while a file is being read or sent starts nothing.
  const busy = useRef(false);

  const pick = async (): Promise<string | null> => {
    if (busy.current) return null;
    busy.current = true;
    setProblems([]);
    setStep('正在读取文件…');
    const base64 = await spreadsheetPick();
    if (!base64) {
      busy.current = false;
      setStep(null);
    }
    return base64;
  };

  const send = async <T extends Checked>(
    checking: string,
    what: string,
    call: () => Promise<Envelope<T>>,
  ): Promise<T | null> => {
    busy.current = true;
    setProblems([]);
    setStep(checking);
    const r = await call();
    busy.current = false;
    setStep(null);
    if (!r.ok) {
      onError(r.message);
      return null;
    }
    if (r.data.problems.length > 0) {
      setProblems(r.data.problems);
      onError(importProblemsSummary(what, r.data.problems.length));
      return null;
    }
    return r.data;
  };

  const run = async <T extends Checked>(
    checking: string,
    what: string,
    call: (base64: string) => Promise<Envelope<T>>,
  ): Promise<T | null> => {
    const base64 = await pick();
    return base64 ? send(checking, what, () => call(base64)) : null;
  };

  return { step, problems, pick, send, run, clear: () => setProblems([]) };
}
