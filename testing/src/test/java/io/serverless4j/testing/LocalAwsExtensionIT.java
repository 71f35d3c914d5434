/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

@ExtendWith(LocalAws.class)
class LocalAwsExtensionIT {

    @Test
    void everyInjectedClientOfATestSharesThatTestsRecorder(SqsClient sqs, DynamoDbClient dynamoDb, CallRecorder calls) {
        sqs.createQueue(b -> b.queueName("recorded-" + UUID.randomUUID()));
        dynamoDb.listTables();
        dynamoDb.listTables();

        assertThat(calls.calls()).containsExactly(
                new CallRecorder.Call("Sqs", "CreateQueue"),
                new CallRecorder.Call("DynamoDb", "ListTables"),
                new CallRecorder.Call("DynamoDb", "ListTables"));
        assertThat(calls.calls("ListTables")).isEqualTo(2);
        assertThat(calls.attempts("ListTables")).isEqualTo(2);
    }

    @Test
    void eachTestStartsWithAnEmptyRecorder(CallRecorder calls, DynamoDbClient dynamoDb) {
        assertThat(calls.totalCalls()).isZero();
        dynamoDb.listTables();
        assertThat(calls.totalCalls()).isEqualTo(1);
    }

    @Test
    void theEmulatorsAreSharedByTheWholeJvm(LocalSqs sqs, LocalDynamoDb dynamoDb) {
        assertThat(sqs).isSameAs(LocalAws.sqs());
        assertThat(dynamoDb).isSameAs(LocalAws.dynamoDb());
        assertThat(sqs.external()).isFalse();
        assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
    }
}
