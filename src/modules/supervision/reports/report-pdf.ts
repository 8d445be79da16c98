// HTML to PDF with Chromium's own print (--print-to-pdf): the report prints exactly as a person
// printing the HTML page would get it. Chromium is spawned for each PDF; nothing is downloaded.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../../../platform/errors.js';

/** Chromium is not installed where the configuration says (answered as 503). */
export class PdfUnavailableError extends DomainError {
  constructor(chromiumPath: string) {
    super(
      'PDF_UNAVAILABLE',
      `PDF printing needs Chromium at ${chromiumPath} (install it, or set CHROMIUM_PATH); the HTML report works without it`,
    );
  }
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-pdf-header-footer',
  '--run-all-compositor-stages-before-draw',
];

export const PDF_TIMEOUT_MS = 60_000;

/** Whether a PDF can be made here. */
export const pdfAvailable = (chromiumPath: string): boolean => fs.existsSync(chromiumPath);

/** The PDF Chromium prints from `html`, on A4 as the page's print CSS asks. */
export async function htmlToPdf(
  html: string,
  chromiumPath: string,
  timeoutMs = PDF_TIMEOUT_MS,
): Promise<Buffer> {
  if (!pdfAvailable(chromiumPath)) throw new PdfUnavailableError(chromiumPath);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'openhotline-report-'));
  try {
    const input = path.join(dir, 'report.html');
    const output = path.join(dir, 'report.pdf');
    await fs.promises.writeFile(input, html, 'utf8');
    await run(
      chromiumPath,
      [
        ...FLAGS,
        `--user-data-dir=${path.join(dir, 'profile')}`,
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ],
      timeoutMs,
    );
    const pdf = await fs.promises.readFile(output).catch(() => null);
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new Error('Chromium finished without writing a PDF');
    return pdf;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`Chromium exited with ${signal ?? code}: ${stderr.slice(-1000)}`));
    });
  });
}
