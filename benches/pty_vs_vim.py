#!/usr/bin/env python3
"""debrief against vim in a real pseudo-terminal (160x48), one after the
other on the same document: start-up to the last byte of the first frame,
`j` and `k` (latency and bytes written), delete and undo (`d`/`u` against
vim's `dd`/`u`), and peak resident memory. Standard library only; Linux
(reads /proc). See docs/performance.md.

usage: benches/pty_vs_vim.py DEBRIEF_BIN FILE.toml FILE.md
  (FILE.md: `debrief export FILE.toml -o FILE.md`; SETTLE=seconds to wait
  after start-up before the keys, default 6, for a large document's lint)
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

def spawn(argv, cols=160, rows=48):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd

def read_until_quiet(fd, quiet=0.05, first_timeout=20.0):
    """Read until `quiet` seconds pass with no output; returns (bytes, t_first, t_last)."""
    data = b""; t_first = None; t_last = None
    deadline = time.monotonic() + first_timeout
    while True:
        timeout = quiet if t_first else max(0, deadline - time.monotonic())
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        now = time.monotonic()
        if t_first is None:
            t_first = now
        t_last = now
        data += chunk
    return data, t_first, t_last

def rss_mb(pid):
    """Peak resident memory so far (VmHWM) of the process."""
    try:
        for line in open(f'/proc/{pid}/status'):
            if line.startswith('VmHWM'):
                return int(line.split()[1]) / 1024
    except OSError:
        return None

def run(argv, moves, edit, undo, settle, quit_keys):
    t0 = time.monotonic()
    pid, fd = spawn(argv)
    # vim writes its set-up sequences before it reads the file: its first
    # frame ends after a longer pause.
    quiet = 0.03 if argv[0] != 'vim' else 0.25
    _, _, tl = read_until_quiet(fd, quiet=quiet, first_timeout=60)
    startup = (tl - t0) * 1000
    time.sleep(settle); read_until_quiet(fd, quiet=0.5, first_timeout=1)
    out = {'startup': startup}
    for name in moves:
        lat, size = [], []
        for _ in range(30):
            t = time.monotonic(); os.write(fd, name.encode())
            d, f, l = read_until_quiet(fd, quiet=0.03, first_timeout=5)
            if l: lat.append((l - t) * 1000); size.append(len(d))
        out[name] = (statistics.median(lat), statistics.median(size), statistics.mean(size), max(size))
    lat_e, lat_u = [], []
    for _ in range(10):
        for k, acc in ((edit, lat_e), (undo, lat_u)):
            t = time.monotonic(); os.write(fd, k.encode())
            d, f, l = read_until_quiet(fd, quiet=0.05, first_timeout=10)
            if l: acc.append((l - t) * 1000)
    out['edit'] = statistics.median(lat_e); out['undo'] = statistics.median(lat_u)
    out['rss'] = rss_mb(pid)
    os.write(fd, quit_keys.encode())
    for _ in range(50):
        read_until_quiet(fd, quiet=0.05, first_timeout=0.1)
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
    else:
        print('did not quit; killed', file=sys.stderr)
        os.kill(pid, 9); os.waitpid(pid, 0)
    return out

def show(name, r):
    j, k = r['j'], r['k']
    print(f"{name}: start-up {r['startup']:.0f} ms, peak RSS {r['rss']:.0f} MB, "
          f"j {j[0]:.2f} ms / {j[1]:.0f} B median, {j[2]:.0f} mean, {j[3]} max; "
          f"k {k[0]:.2f} ms / {k[1]:.0f} B; edit {r['edit']:.2f} ms, undo {r['undo']:.2f} ms")

if __name__ == '__main__':
    bin_, toml, md = sys.argv[1:4]
    settle = float(os.environ.get('SETTLE', '6'))
    show('debrief', run([bin_, toml], ['j', 'k'], 'd', 'u', settle, 'q'))
    show('vim', run(['vim', '-u', 'NONE', '-i', 'NONE', '-N', '-n', md], ['j', 'k'], 'dd', 'u', 1, '\x1b:q!\r'))
