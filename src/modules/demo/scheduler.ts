// Lets many simulated life-cycles run at once while keeping their steps close to time order:
// a step waits until it is among the earliest pending ones and a slot is free. Ticket numbers
// (a per-day sequence) then follow the order of creation, and a merged ticket's parent has
// already been written when its children are merged into it.

interface Waiting {
  at: number;
  order: number;
  start: () => void;
}

export class StepScheduler {
  private readonly heap: Waiting[] = [];
  private running = 0;
  private order = 0;
  /** Resolves when the latest ordered step has queued its write. */
  private lastOrdered: Promise<void> = Promise.resolve();

  constructor(private readonly slots: number) {}

  /**
   * Runs `work` when its turn comes (by `at`), holding one of the slots meanwhile. An ordered
   * step (`writes` > 0) also waits until the previous ordered step has queued its writes, so
   * creations reach the database (and take their day's ticket number) in time order; `work`
   * gets the callback to call on each write it queues, and the next one goes after `writes`.
   */
  async run<T>(at: number, work: (wrote: () => void) => Promise<T>, writes = 0): Promise<T> {
    await new Promise<void>((start) => {
      this.push({ at, order: this.order++, start });
      this.pump();
    });
    let done: () => void = () => undefined;
    const previous = this.lastOrdered;
    if (writes > 0) this.lastOrdered = new Promise<void>((resolve) => (done = resolve));
    let left = writes;
    const wrote = () => {
      if (--left === 0) done();
    };
    try {
      if (writes > 0) await previous;
      return await work(wrote);
    } finally {
      done();
      this.running--;
      this.pump();
    }
  }

  private pump(): void {
    // Let every life-cycle that is about to ask for its next step ask first.
    setImmediate(() => {
      while (this.running < this.slots && this.heap.length > 0) {
        this.running++;
        this.pop().start();
      }
    });
  }

  private push(item: Waiting): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Waiting {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

const before = (a: Waiting, b: Waiting): boolean =>
  a.at < b.at || (a.at === b.at && a.order < b.order);
