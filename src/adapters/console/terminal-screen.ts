import { clearLine, cursorTo, type Interface } from 'node:readline';
import type { Writable } from 'node:stream';

/**
 * The terminal's output, shared by the session's replies and what arrives on its own (daily
 * digests, automatic reloads). While the user sits at a prompt, such text is printed above it and
 * the prompt is drawn again with what they had typed, instead of landing in the middle of it.
 */
export class TerminalScreen {
  #prompt: Interface | undefined;

  constructor(private readonly output: Writable) {}

  /** From now on, text printed while waiting for input keeps this readline's prompt below it. */
  attach(prompt: Interface | undefined): void {
    this.#prompt = prompt;
  }

  write(text: string): void {
    const prompt = this.#prompt;
    if (!prompt) {
      this.output.write(text);
      return;
    }
    clearLine(this.output, 0);
    cursorTo(this.output, 0);
    this.output.write(text);
    prompt.prompt(true);
  }
}
