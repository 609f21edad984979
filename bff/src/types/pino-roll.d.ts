// The part of pino-roll 4.x the server uses (it ships no types).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  import type { SonicBoomOpts } from 'sonic-boom';

  interface PinoRollOptions extends Omit<SonicBoomOpts, 'dest' | 'fd'> {
    /** Base path: files are `<file>.<n><extension>`, numbering continued from the folder's highest. */
    file: string;
    /** Size at which a new file is begun: a number of MB, or `'10m'`, `'512k'`. */
    size?: string | number;
    extension?: string;
    /**
     * `count`: files kept besides the current one; `removeOtherLogFiles`: count every matching file
     * of the folder (those of earlier runs too), not only those this process made.
     */
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
