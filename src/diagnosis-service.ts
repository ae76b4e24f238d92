import type { Readable } from 'node:stream';
import { type DiagnoseOptions, diagnose, diagnoseStream } from './core/index.js';
import type { Diagnosis } from './core/types.js';

// The one seam every chat front door calls. The core is synchronous and offline; anything that needs the network
// to sharpen an answer (the tenant look-up of issue 7) is added here, so Slack, Teams and the playground get it alike.

export async function diagnoseText(text: string, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  return diagnose(text, options);
}

export async function diagnoseFile(
  source: Readable | AsyncIterable<Uint8Array | string>,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  return diagnoseStream(source, options);
}
