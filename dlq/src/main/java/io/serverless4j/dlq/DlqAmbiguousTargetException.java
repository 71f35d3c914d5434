/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import java.util.List;

/**
 * No target queue was given and several queues name the DLQ in their redrive policy, so the replayer will not
 * guess which one to replay to. Nothing was received or moved. Immutable and thread-safe.
 */
public final class DlqAmbiguousTargetException extends DlqReplayException {

    private static final long serialVersionUID = 1L;

    private final String dlqUrl;
    private final List<String> candidates;

    /**
     * Creates the exception.
     *
     * @param dlqUrl the DLQ
     * @param candidates the URLs of every queue whose redrive policy names the DLQ
     */
    public DlqAmbiguousTargetException(String dlqUrl, List<String> candidates) {
        super(candidates.size() + " queues have a redrive policy that names " + dlqUrl + " as their dead-letter "
                + "queue: " + String.join(", ", candidates) + "; name the one to replay to "
                + "(DlqReplayer.Builder.targetQueueUrl, or --to)");
        this.dlqUrl = dlqUrl;
        this.candidates = List.copyOf(candidates);
    }

    /**
     * The DLQ.
     *
     * @return the DLQ URL
     */
    public String dlqUrl() {
        return dlqUrl;
    }

    /**
     * Every queue whose redrive policy names the DLQ.
     *
     * @return the queue URLs, immutable
     */
    public List<String> candidates() {
        return candidates;
    }
}
