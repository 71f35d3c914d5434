/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Amazon SNS notifications: delivered to Lambda directly ({@link io.serverless4j.events.sns.SnsEvent}) or
 * through an SQS queue ({@link io.serverless4j.events.sqs.SqsMessage#snsNotification()}).
 */
package io.serverless4j.events.sns;
