"""The table of infra/bench/all: reads what each benchmark printed (RUN/<name>.txt) and RUN/status.txt.

Usage: python3 all-table.py RUN_DIRECTORY. Every figure is looked for by the words its benchmark prints; a benchmark
that failed, or whose output has changed so that a figure is not found, shows "-" and its status, and the rest of the
table is printed all the same.
"""

import os
import re
import sys
import time

RUN = sys.argv[1]
SERVICES = ["gateway", "rights-service", "deletion-worker", "notification-service", "portal"]


def text(label):
    path = os.path.join(RUN, label + ".txt")
    return open(path, errors="replace").read() if os.path.exists(path) else ""


def status():
    rows = {}
    path = os.path.join(RUN, "status.txt")
    if os.path.exists(path):
        for line in open(path):
            label, state, seconds = line.rstrip("\n").split("\t")
            rows[label] = (state, int(seconds))
    return rows


def find(pattern, source, group=1, flags=0):
    match = re.search(pattern, source, flags)
    return match.group(group) if match else None


def submissions(out):
    rows = []
    row = r"^%s-\d+ \*\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)"
    gateway = re.search(row % "gateway", out, re.M)
    direct = re.search(row % "direct", out, re.M)
    rows.append(("through the gateway, best round", gateway and f"{float(gateway.group(4)):.0f}/s, p99 {gateway.group(7)} ms", ""))
    baseline = re.search(r"gateway / baseline gateway:\s+([\d.]+)x\s+\(([\d.]+)/s against ([\d.]+)/s of (\S+);", out)
    rows.append(("  against BENCH_BASELINE's gateway, same run",
                 baseline and f"{baseline.group(1)}x ({baseline.group(3)}/s, {os.path.basename(baseline.group(4))})",
                 ">= 2x today's main, same run"))
    rows.append(("direct to rights-service, best round", direct and f"{float(direct.group(4)):.0f}/s, p99 {direct.group(7)} ms", ""))
    paced = re.search(r"p99 at (\d+)% of the direct max:\s+([\d.]+) ms at ([\d.]+)/s", out)
    rows.append(("p99 paced at 70 % of the best direct rate",
                 paced and f"{paced.group(2)} ms at {float(paced.group(3)):.0f}/s", "<= 50 ms"))
    ratio = find(r"gateway / direct throughput:\s+([\d.]+)%", out)
    rows.append(("gateway / direct", ratio and f"{ratio} %", ""))
    paced_gateway = re.search(r"p99 at (\d+)% of the gateway max:\s+([\d.]+) ms at ([\d.]+)/s", out)
    rows.append(("p99 paced at 70 % of the best gateway rate",
                 paced_gateway and f"{paced_gateway.group(2)} ms at {float(paced_gateway.group(3)):.0f}/s", ""))
    # this tree's passes only: the baseline's are listed too (before issue 15 they waited on the audit lock)
    waiting = re.findall(r"^  (?!base-)[\w-]+: ([\d.]+) average, in (\d+) of (\d+) samples", out, re.M)
    rows.append(("sessions waiting on a lock, most in a pass",
                 waiting and f"{max(float(w[0]) for w in waiting):.2f} on average", "none"))
    return rows


def deregistration_rate(out):
    return find(r"deregistrations \(measured\):.*?= (\d+) deregistrations/s end to end", out)


def deregistrations(out, baseline):
    rows = []
    rate = deregistration_rate(out)
    latency = re.search(r"deregistrations \(measured\):.*?median ([\d.]+) s, p95 ([\d.]+) s", out)
    rows.append(("rate end to end (5 instant systems)", rate and f"{rate}/s", ""))
    base_rate = deregistration_rate(baseline)
    rows.append(("  against BENCH_BASELINE's, run right after",
                 rate and base_rate and f"{int(rate) / max(1, int(base_rate)):.2f}x ({base_rate}/s)",
                 ">= 2x today's main, same run"))
    rows.append(("received to completed, median / p95", latency and f"{latency.group(1)} / {latency.group(2)} s", ""))
    cpu = find(r"cpu per deregistration \(measured, [^)]*\): (.*?); machine", out)
    if cpu:
        bench_jvm = find(r"this JVM \([^)]*\) ([\d.]+) ms", cpu)
        parts = re.findall(r"([\w.-]+(?: [\w.-]+)*?) ([\d.]+) ms", re.sub(r"this JVM \([^)]*\) [\d.]+ ms", "", cpu))
        total = sum(float(ms) for _, ms in parts)
        detail = ", ".join(f"{name} {ms}" for name, ms in parts)
        rows.append(("CPU per deregistration, every process", f"{total:.1f} ms", "<= 20 ms"))
        rows.append(("  of which", detail + (f" (load generator and fakes {bench_jvm}, not counted)" if bench_jvm else ""), ""))
    else:
        rows.append(("CPU per deregistration, every process", None, "<= 20 ms"))
    return rows


def jvms(out):
    found = {}
    for match in re.finditer(r"jvm ([\w-]+): start-up ([\d.?]+) s, RSS idle (-?\d+) MB, RSS at the end (\S+) MB, (\w+)", out):
        found[match.group(1)] = match.groups()[1:]
    return found


def worker(out):
    raw = re.search(r"worker / raw = (\d+) % \((\d+) tasks/s against (\d+) msg/s", out)
    relay = re.search(r"worker / relay = (\d+) % \((\d+) tasks/s against (\d+) relayed/s", out)
    rows = [
        ("worker / no-work relay", relay and f"{relay.group(1)} % ({relay.group(2)} tasks/s, relay {relay.group(3)}/s)", ">= 50 %"),
        ("relay / raw confirmed publish-and-consume",
         relay and raw and f"{100 * int(relay.group(3)) / max(1, int(raw.group(3))):.0f} % (raw {raw.group(3)}/s)", ">= 60 %"),
        ("worker / raw", raw and f"{raw.group(1)} %", ""),
    ]
    return rows


def portal(out):
    rows = []
    for match in re.finditer(r"\[bench\] (\S.*?)\s+page ([\d.]+)/s / API ([\d.]+)/s =\s*(\d+)%.*?page p95 ([\d.]+) ms", out):
        rows.append((f"{match.group(1).strip()}: pages, p95", f"{match.group(2)}/s, p95 {match.group(5)} ms; {match.group(4)} % of the API's {match.group(3)}/s",
                     ">= 50 % of the API, p95 <= 150 ms"))
    return rows or [("pages", None, ">= 50 % of the API, p95 <= 150 ms")]


def burst(out):
    drained = re.search(r"drained: all (\d+) COMPLETED (\d+) s after the first was received \(([\d.]+) deregistrations/s", out)
    return [("backlog drained", drained and f"{drained.group(1)} in {drained.group(2)} s ({drained.group(3)}/s)", "")]


def console_reports(out):
    queue = re.search(r"^RESULT queue calls=(\d+) errors=(\d+) rps=([\d.]+) p50=([\d.]+) p95=([\d.]+)", out, re.M)
    rows = [("agents' queue over 1M requests, p95",
             queue and f"{queue.group(5)} ms (p50 {queue.group(4)}, {queue.group(3)}/s, {queue.group(2)} errors)", "<= 100 ms")]
    for label, name, target in (("yearly-by-month", "yearly report by month, median", "<= 2 s"),
                                ("ccpa-2026", "CCPA report of a year, median", "")):
        run = re.search(r"^RESULT %s runs=\d+ errors=(\d+) min=(\d+) median=(\d+) max=(\d+)" % label, out, re.M)
        rows.append((name, run and f"{run.group(3)} ms (max {run.group(4)})", target))
    rss = re.search(r"^RESULT rss start=(\d+)MB seeded=(\d+)MB after-queue=(\d+)MB after-reports=(\d+)MB peak=(\d+)MB", out, re.M)
    rows.append(("rights-service RSS: seeded / after / peak",
                 rss and f"{rss.group(2)} / {rss.group(4)} / {rss.group(5)} MB", "flat"))
    return rows


def main():
    states = status()
    lines = []
    width = 46

    def section(title, label, rows):
        state = states.get(label)
        note = "not run" if state is None else ("" if state[0] == "ok" else state[0])
        lines.append(f"{title}{'  [' + note + ']' if note else ''}")
        for name, value, target in rows:
            lines.append(f"  {name:<{width}} {value if value else '-':<44} {target}")

    load = open("/proc/loadavg").read().split()[:3]
    lines.append(f"infra/bench/all, {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, load average now {' '.join(load)}")
    lines.append("")
    section("Submissions (infra/bench/submissions)", "submissions", submissions(text("submissions")))
    section("Deregistrations (infra/bench/deregistrations)", "deregistrations", deregistrations(text("deregistrations"), text("deregistrations-baseline")))
    section("Worker (infra/bench/worker-throughput)", "worker-throughput", worker(text("worker-throughput")))

    tuned = jvms(text("deregistrations"))
    defaults = jvms(text("deregistrations-jvm-defaults"))
    title = "JVMs, from the deregistrations run: start-up to ready (one at a time), RSS idle, RSS at the end"
    lines.append(title if "deregistrations" in states else title + "  [not run]")
    header = f"  {'service':<22} {'infra/jvm/<service>.options':<36}"
    if defaults:
        header += f" {'JVM defaults':<36}"
    lines.append(header + " target: start-up <= 5 s, RSS at the end <= 256 MB, no OutOfMemoryError")

    def cell(figures):
        if not figures:
            return "-"
        start, idle, end, alive = figures
        return f"{start} s, {idle} MB idle, {end} MB end{'' if alive == 'alive' else ', EXITED'}"

    for service in SERVICES:
        line = f"  {service:<22} {cell(tuned.get(service)):<36}"
        if defaults:
            line += f" {cell(defaults.get(service)):<36}"
        lines.append(line)

    section("Portal (infra/bench/portal/run)", "portal", portal(text("portal")))
    section("Console reports (infra/bench/console-reports/run)", "console-reports", console_reports(text("console-reports")))
    section("Burst (infra/bench/burst)", "burst", burst(text("burst")))
    lines.append("")
    lines.append("Benchmarks: " + "; ".join(f"{label} {state} ({seconds} s)" for label, (state, seconds) in sorted(states.items())))
    print("\n".join(lines))


main()
