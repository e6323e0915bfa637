// How the machine's CPUs were spent over a measurement, from /proc/stat: how busy they were and
// how much time the hypervisor gave to other guests (steal). A run whose figures stray from the
// others can be told apart by this: steal is time the measured processes wanted and did not get.
import { readFile } from 'node:fs/promises';

async function cpuTimes() {
  const text = await readFile('/proc/stat', 'utf8').catch(() => null);
  if (!text) return null;
  // cpu  user nice system idle iowait irq softirq steal ...
  const [user, nice, system, idle, iowait, irq, softirq, steal] = text
    .split('\n', 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
}

/** Starts a measurement; `end()` answers the busy and stolen share of all CPUs, in percent. */
export async function cpuWindow() {
  const before = await cpuTimes();
  return {
    async end() {
      const after = await cpuTimes();
      if (!before || !after) return null;
      const busy = after.busy - before.busy;
      const steal = after.steal - before.steal;
      const total = busy + steal + (after.idle - before.idle);
      if (total <= 0) return null;
      return {
        busyPercent: Math.round((1000 * busy) / total) / 10,
        stealPercent: Math.round((1000 * steal) / total) / 10,
      };
    },
  };
}
