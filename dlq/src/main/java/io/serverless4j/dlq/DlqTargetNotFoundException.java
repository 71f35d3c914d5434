/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

/**
 * No target queue was given and no queue's redrive policy names the DLQ (ListDeadLetterSourceQueues returned
 * nothing), so there is nowhere to replay to. Nothing was received or moved. Immutable and thread-safe.
 */
public final class DlqTargetNotFoundException extends DlqReplayException {

    private static final long serialVersionUID = 1L;

    private final String dlqUrl;

    /**
     * Creates the exception.
     *
     * @param dlqUrl the DLQ that no queue names in its redrive policy
     */
    public DlqTargetNotFoundException(String dlqUrl) {
        super("No queue has a redrive policy that names " + dlqUrl + " as its dead-letter queue, so the target of "
                + "the replay cannot be found; name the target queue (DlqReplayer.Builder.targetQueueUrl, or --to)");
        this.dlqUrl = dlqUrl;
    }

    /**
     * The DLQ whose source queue was looked for.
     *
     * @return the DLQ URL
     */
    public String dlqUrl() {
        return dlqUrl;
    }
}
