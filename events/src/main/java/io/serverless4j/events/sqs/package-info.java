/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Amazon SQS events as Lambda delivers them: {@link io.serverless4j.events.sqs.SqsEvent} holds up to 10 000
 * {@link io.serverless4j.events.sqs.SqsMessage}s. Report failed messages with
 * {@link io.serverless4j.events.BatchResponse}.
 */
package io.serverless4j.events.sqs;
