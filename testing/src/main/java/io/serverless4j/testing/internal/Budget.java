/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** A count of things still allowed (faults to inject, entries to reject) that concurrent callers use up. */
public final class Budget {

    private final AtomicInteger remaining;

    /**
     * Creates a budget.
     *
     * @param size how many takes succeed
     */
    public Budget(int size) {
        this.remaining = new AtomicInteger(size);
    }

    /**
     * Takes one unit if any is left; never goes below zero, whatever the contention.
     *
     * @return true when a unit was taken
     */
    public boolean tryTake() {
        int left;
        do {
            left = remaining.get();
            if (left <= 0) {
                return false;
            }
        } while (!remaining.compareAndSet(left, left - 1));
        return true;
    }

    /**
     * What is left.
     *
     * @return the remaining units
     */
    public int remaining() {
        return remaining.get();
    }
}
