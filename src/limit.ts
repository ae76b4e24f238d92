// A small gate for work that holds memory or CPU for a while: at most `running` at once, at most `waiting` in line,
// and anything past that is refused at once so the caller can say "busy, try again" instead of piling up.

export class Busy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The doctor is busy reading other logs; try again in a few seconds.');
  }
}

export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) throw new Busy(5);
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }

  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.queue.length };
  }
}
