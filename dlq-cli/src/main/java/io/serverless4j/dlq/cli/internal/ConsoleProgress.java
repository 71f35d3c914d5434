/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.dlq.DlqReplayListener;
import io.serverless4j.dlq.DlqReplayProgress;
import io.serverless4j.dlq.DlqReplayReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Shows a replay's progress: a redrawn bar on a terminal, a plain line every interval otherwise (logs, CI), or
 * nothing. Thread-safe (worker threads call it).
 */
final class ConsoleProgress implements DlqReplayListener {

    enum Mode { BAR, LINES, NONE }

    private static final long BAR_REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final Mode mode;
    private final long intervalNanos;
    private long total;
    private long lastPrinted;
    private boolean drawn;

    ConsoleProgress(PrintWriter out, Mode mode, Duration interval) {
        this.out = out;
        this.mode = mode;
        this.intervalNanos = mode == Mode.BAR ? BAR_REDRAW_NANOS : interval.toNanos();
        this.lastPrinted = System.nanoTime();
    }

    @Override
    public synchronized void started(String dlqUrl, String targetQueueUrl, long approximateMessages) {
        total = approximateMessages;
        if (mode != Mode.NONE) {
            out.printf("Replaying %s -> %s (about %d messages)%n", dlqUrl, targetQueueUrl, approximateMessages);
            out.flush();
        }
    }

    @Override
    public synchronized void progress(DlqReplayProgress progress) {
        long now = System.nanoTime();
        if (mode == Mode.NONE || now - lastPrinted < intervalNanos) {
            return;
        }
        lastPrinted = now;
        print(progress);
    }

    @Override
    public synchronized void finished(DlqReplayReport report) {
        if (mode == Mode.BAR && drawn) {
            print(new DlqReplayProgress(report.received(), report.moved(), report.skippedByFilter(),
                    report.failed().size(), report.keptOverReplayLimit().size(), report.elapsed()));
            out.println();
            out.flush();
        }
    }

    private void print(DlqReplayProgress p) {
        long done = p.moved() + p.skippedByFilter() + p.failed() + p.keptOverReplayLimit();
        long of = Math.max(total, done);
        if (mode == Mode.BAR) {
            int filled = of == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / of);
            out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %d/%d moved %d skipped %d failed %d kept %d "
                    + "%.0f msgs/s ", "#".repeat(filled), "-".repeat(BAR_WIDTH - filled),
                    of == 0 ? 100 : 100 * done / of, done, of, p.moved(), p.skippedByFilter(), p.failed(),
                    p.keptOverReplayLimit(), p.messagesPerSecond()));
            drawn = true;
        } else {
            out.println(String.format(Locale.ROOT, "%s progress: %d/%d handled, moved %d, skipped %d, failed %d, "
                    + "kept %d, %.0f msgs/s", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), done, of, p.moved(),
                    p.skippedByFilter(), p.failed(), p.keptOverReplayLimit(), p.messagesPerSecond()));
        }
        out.flush();
    }
}
