/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.messaging.EventBridgeEntry;
import io.serverless4j.messaging.EventBridgePublisher;
import io.serverless4j.messaging.MessagingException;
import io.serverless4j.messaging.PublishReport;
import io.serverless4j.retry.AttemptCall;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetriesExhaustedException;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.thumbnails.internal.DeadlineInputStream;
import io.serverless4j.thumbnails.internal.MetadataItem;
import io.serverless4j.thumbnails.internal.ThumbnailCreatedDetail;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes thumbnails for S3 objects: for each object version, skip what is not ours (keys under the output prefix,
 * so a thumbnail never triggers itself; keys outside the source prefix; non-images), skip what is already done
 * (a consistent read of its metadata item), HeadObject (size and type; refuse over the byte limit),
 * GetObject, {@link Thumbnailer#generate}, one PutObject per thumbnail to {@code <outputPrefix><name>/<key>},
 * a {@code ThumbnailCreated} event to EventBridge, and last the metadata item in DynamoDB, whose presence marks
 * the version as done.
 *
 * <pre>{@code
 * static final S3ThumbnailProcessor PROCESSOR = S3ThumbnailProcessor.builder()
 *         .s3Client(S3Client.create()).dynamoDbClient(DynamoDbClient.create())
 *         .eventBridgeClient(EventBridgeClient.create())
 *         .tableName("thumbnails").thumbnailer(THUMBNAILER).build();
 * List<ThumbnailOutcome> outcomes = PROCESSOR.process(objects, context);
 * }</pre>
 *
 * <p>Guarantees. Idempotent per (bucket, key, versionId or ETag): a re-delivery of a completed version makes one
 * DynamoDB GetItem and no S3 call. Each thumbnail is one PutObject with a known content length (never multipart),
 * so no reader ever sees a partial thumbnail. A bad image is reported failed, not retryable, and nothing is written.
 * The event is published before the metadata item is written, so a crash between the two can publish it twice (at
 * least once), never zero times.
 *
 * <p>The deadline. Every S3, DynamoDB and EventBridge call goes through the {@link RetryPolicy} with the
 * invocation, so no call outlives the deadline less the policy's safety margin, and the GetObject body is read so
 * that a silent or slow body cannot outlive it either. An object is started only while enough time is left
 * ({@link Builder#minTimeToStart}); the rest are reported {@link ThumbnailOutcome.Status#NOT_STARTED}, retryable.
 * When time runs out part-way the object is {@link ThumbnailOutcome.Status#FAILED} with a
 * {@link ThumbnailDeadlineException}, and nothing is half-written: no metadata item, and the thumbnails whose
 * PutObject was sent are deleted (best effort, within the first half of the safety margin) unless the event naming
 * them was already published. docs/thumbnails.md states this exactly.
 *
 * <p>Memory: the GetObject body is decoded as it arrives ({@link Thumbnailer#generate(InputStream, String)}):
 * for JPEG a 128 KiB window, not the object; other formats are read whole, up to
 * {@link Thumbnailer#maxInputBytes()}. Plus what {@link Thumbnailer} needs for pixels.
 *
 * <p>Immutable and thread-safe; the clients it is given must be too (SDK clients are).
 */
@SuppressWarnings("try") // MdcScope is opened for its effect on the MDC, never referenced
public final class S3ThumbnailProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(S3ThumbnailProcessor.class);
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp");
    private static final Map<String, String> ID_NAME = Map.of("#id", MetadataItem.ID);

    private final S3Client s3Client;
    private final DynamoDbClient dynamoDbClient;
    private final String tableName;
    private final EventBridgePublisher events;
    private final String eventSource;
    private final Thumbnailer thumbnailer;
    private final String outputPrefix;
    private final String sourcePrefix;
    private final String cacheControl;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    /** The policy for deleting a failed object's thumbnails: it may use the first half of the safety margin. */
    private final RetryPolicy cleanupPolicy;
    private final long marginNanos;
    private final long minTimeToStartNanos;
    private final Builder settings;

    private S3ThumbnailProcessor(Builder b) {
        this.settings = b.copy();
        this.s3Client = b.s3Client;
        this.dynamoDbClient = b.dynamoDbClient;
        this.tableName = b.tableName;
        this.events = EventBridgePublisher.builder().eventBridgeClient(b.eventBridgeClient)
                .eventBusName(b.eventBusName).retryPolicy(b.retryPolicy).build();
        this.eventSource = b.eventSource;
        this.thumbnailer = b.thumbnailer;
        this.outputPrefix = b.outputPrefix;
        this.sourcePrefix = b.sourcePrefix;
        this.cacheControl = b.cacheControl;
        this.clock = b.clock;
        this.retryPolicy = b.retryPolicy;
        this.cleanupPolicy = b.retryPolicy.toBuilder().safetyMargin(b.retryPolicy.safetyMargin().dividedBy(2))
                .build();
        this.marginNanos = b.retryPolicy.safetyMargin().toNanos();
        this.minTimeToStartNanos = b.minTimeToStart.toNanos();
    }

    /**
     * Starts a processor. Required: {@code s3Client}, {@code dynamoDbClient}, {@code eventBridgeClient},
     * {@code tableName}, {@code thumbnailer}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this processor's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * The key a thumbnail is written to.
     *
     * @param spec the thumbnail's spec
     * @param sourceKey the source object's key
     * @return {@code <outputPrefix><spec name>/<sourceKey>}
     */
    public String thumbnailKey(ThumbnailSpec spec, String sourceKey) {
        return outputPrefix + spec.name() + "/" + sourceKey;
    }

    /**
     * Processes each object in turn, within the invocation's time; one failure does not stop the others. Objects
     * that are skipped are reported so whatever the time; an object is started only while at least
     * {@link Builder#minTimeToStart} — or, when longer, as long as the longest object of this call took — is left
     * before the deadline less the retry policy's safety margin; the others are reported
     * {@link ThumbnailOutcome.Status#NOT_STARTED} (retryable, no AWS call made for them).
     *
     * @param objects the objects, e.g. from one S3 or SQS event
     * @param context the Lambda context whose deadline bounds the work; null outside Lambda (no deadline)
     * @return one outcome per object, in order; never throws for a bad image, an AWS failure or the deadline
     * @throws NullPointerException when the list or an element is null
     */
    public List<ThumbnailOutcome> process(List<S3ObjectRef> objects, Context context) {
        return processAll(objects, Invocation.of(context));
    }

    /**
     * Processes one object within the invocation's time, as {@link #process(List, Context)} does.
     *
     * @param object the object
     * @param context the Lambda context whose deadline bounds the work; null outside Lambda (no deadline)
     * @return what happened; never throws for a bad image, an AWS failure or the deadline
     * @throws NullPointerException when {@code object} is null
     */
    public ThumbnailOutcome process(S3ObjectRef object, Context context) {
        Objects.requireNonNull(object, "object");
        return processAll(List.of(object), Invocation.of(context)).get(0);
    }

    /** The entry point's work, on the invocation it built once (the handler calls this). */
    List<ThumbnailOutcome> processAll(List<S3ObjectRef> objects, Invocation invocation) {
        List<S3ObjectRef> all = List.copyOf(objects);
        List<ThumbnailOutcome> outcomes = new ArrayList<>(all.size());
        long longestNanos = 0;
        for (S3ObjectRef object : all) {
            try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.S3_KEY, object.key())) {
                ThumbnailOutcome skipped = skipped(object);
                if (skipped != null) {
                    outcomes.add(skipped);
                    continue;
                }
                long left = invocation.timeLeftNanos(marginNanos);
                long needed = Math.max(minTimeToStartNanos, longestNanos);
                if (left < needed) {
                    outcomes.add(notStarted(object, left, needed));
                    continue;
                }
                long started = invocation.ticker().nanoTime();
                outcomes.add(processOne(object, invocation));
                longestNanos = Math.max(longestNanos, invocation.ticker().nanoTime() - started);
            }
        }
        return outcomes;
    }

    private ThumbnailOutcome skipped(S3ObjectRef object) {
        String key = object.key();
        if (key.startsWith(outputPrefix)) {
            return skipped(object, "the key is under the output prefix " + outputPrefix
                    + " (a thumbnail never makes thumbnails)");
        }
        if (sourcePrefix != null && !key.startsWith(sourcePrefix)) {
            return skipped(object, "the key is outside the source prefix " + sourcePrefix);
        }
        String extension = extension(key);
        if (extension != null && !IMAGE_EXTENSIONS.contains(extension)) {
            return skipped(object, "." + extension + " is not an image extension");
        }
        return null;
    }

    private ThumbnailOutcome notStarted(S3ObjectRef object, long leftNanos, long neededNanos) {
        ThumbnailDeadlineException failure = new ThumbnailDeadlineException(object.uri(), "not started: "
                + millis(leftNanos) + " were left before the Lambda deadline less the safety margin of "
                + millis(marginNanos) + ", and an object is started only with at least " + millis(neededNanos)
                + " left (minTimeToStart, or the longest object so far in this call); nothing was read or written",
                false, null);
        LOG.warn("not started, too little time left: {}", object.uri());
        return new ThumbnailOutcome(object, ThumbnailOutcome.Status.NOT_STARTED, List.of(), failure.getMessage(),
                failure);
    }

    /** One object, from its metadata lookup to its metadata item. Never throws for AWS, the deadline or the image. */
    private ThumbnailOutcome processOne(S3ObjectRef object, Invocation invocation) {
        String key = object.key();
        long start = System.nanoTime();
        String id = idOf(object);
        List<String> sent = new ArrayList<>();
        boolean published = false;
        try {
            if (isDone(object, id, invocation)) {
                return new ThumbnailOutcome(object, ThumbnailOutcome.Status.ALREADY_DONE, List.of(),
                        "this version already has thumbnails (metadata item " + id + ")", null);
            }
            HeadObjectResponse head = aws("S3 HeadObject", object, invocation, true, attempt -> s3Client.headObject(
                    r -> r.bucket(object.bucket()).key(key).versionId(object.versionId())
                            .overrideConfiguration(attempt.overrideConfiguration())));
            String headETag = head.eTag() == null ? null : head.eTag().replace("\"", "");
            if (object.versionId() == null && object.eTag() != null && headETag != null
                    && !headETag.equals(object.eTag())) {
                return skipped(object, "the object was overwritten since this event (ETag " + headETag
                        + "); the newer version's event makes its thumbnails");
            }
            String contentType = head.contentType();
            if (extension(key) == null && (contentType == null || !contentType.startsWith("image/"))) {
                return skipped(object, "no image extension and content type " + contentType);
            }
            long size = head.contentLength() == null ? -1 : head.contentLength();
            if (size > thumbnailer.maxInputBytes()) {
                throw new ImageTooLargeException(key, "the object is " + size + " bytes; the limit is "
                        + thumbnailer.maxInputBytes() + " bytes. Nothing was downloaded.");
            }
            ThumbnailSet set = download(object, size, invocation);
            List<String> entries = new ArrayList<>();
            List<ThumbnailCreatedDetail.Written> written = new ArrayList<>();
            for (Thumbnail thumbnail : set.thumbnails()) {
                String thumbKey = thumbnailKey(thumbnail.spec(), key);
                byte[] encoded = thumbnail.bytes();
                // Before the call: a put whose answer never comes may still have been applied.
                sent.add(thumbKey);
                aws("S3 PutObject", object, invocation, false, attempt -> s3Client.putObject(r -> r
                        .bucket(object.bucket()).key(thumbKey).contentType(thumbnail.contentType())
                        .contentLength((long) encoded.length).cacheControl(cacheControl)
                        .overrideConfiguration(attempt.overrideConfiguration()), RequestBody.fromBytes(encoded)));
                entries.add(thumbKey + " " + thumbnail.width() + " " + thumbnail.height() + " "
                        + thumbnail.contentType() + " " + encoded.length);
                written.add(new ThumbnailCreatedDetail.Written(thumbKey, thumbnail.width(), thumbnail.height(),
                        thumbnail.contentType(), encoded.length));
            }
            publish(object, set, written, invocation);
            published = true;
            Duration total = Duration.ofNanos(System.nanoTime() - start);
            MetadataItem item = new MetadataItem(id, object.bucket(), key, object.versionId(), object.eTag(),
                    set.source().format().name(), set.source().width(), set.source().height(),
                    set.source().orientation(), entries, clock.instant().toString(),
                    set.decodeTime().toNanos() / 1000, total.toNanos() / 1000);
            aws("DynamoDB PutItem", object, invocation, false, attempt -> {
                try {
                    return dynamoDbClient.putItem(r -> r.tableName(tableName).item(item.toAttributes())
                            .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(ID_NAME)
                            .overrideConfiguration(attempt.overrideConfiguration()));
                } catch (ConditionalCheckFailedException concurrentDuplicate) {
                    // Another invocation finished the same version first; its thumbnails are identical to ours.
                    return null;
                }
            });
            return new ThumbnailOutcome(object, ThumbnailOutcome.Status.CREATED, sent, "", null);
        } catch (ThumbnailException failure) {
            return failed(object, failure, sent, published, invocation);
        } catch (Gone gone) {
            deleteSent(object, sent, invocation);
            return skipped(object, "the object version is gone or was overwritten (HTTP " + gone.statusCode + ")");
        }
    }

    private boolean isDone(S3ObjectRef object, String id, Invocation invocation) {
        GetItemResponse found = aws("DynamoDB GetItem", object, invocation, false, attempt -> dynamoDbClient.getItem(
                r -> r.tableName(tableName).key(Map.of(MetadataItem.ID, AttributeValue.fromS(id))).consistentRead(true)
                        .projectionExpression("#id").expressionAttributeNames(ID_NAME)
                        .overrideConfiguration(attempt.overrideConfiguration())));
        return found.hasItem() && !found.item().isEmpty();
    }

    /**
     * GetObject, decoding the body as it arrives (the thumbnailer enforces the byte limit on what it reads). In
     * Lambda the body is read through a {@link DeadlineInputStream}, so it cannot outlive the deadline less the
     * margin: the SDK's timeouts end when the body starts, and the body is read after the call has returned.
     */
    private ThumbnailSet download(S3ObjectRef object, long size, Invocation invocation) {
        ResponseInputStream<GetObjectResponse> response = aws("S3 GetObject", object, invocation, true, attempt ->
                s3Client.getObject(r -> {
                    r.bucket(object.bucket()).key(object.key()).versionId(object.versionId())
                            .overrideConfiguration(attempt.overrideConfiguration());
                    if (object.versionId() == null && object.eTag() != null) {
                        r.ifMatch("\"" + object.eTag() + "\"");
                    }
                }));
        // On a fake clock (tests) the deadline does not follow real time, so it cannot bound a real read.
        DeadlineInputStream bounded = invocation.hasDeadline() && invocation.ticker().realTime()
                ? new DeadlineInputStream(response, response, invocation, marginNanos) : null;
        InputStream in = bounded != null ? bounded : response;
        long length = response.response().contentLength() == null ? size : response.response().contentLength();
        if (length > thumbnailer.maxInputBytes()) {
            abort(response, bounded); // do not drain a body we will not read
            throw new ImageTooLargeException(object.key(), "the object is " + length + " bytes; the limit is "
                    + thumbnailer.maxInputBytes() + " bytes");
        }
        ThumbnailSet set;
        try {
            set = thumbnailer.generate(in, object.key());
        } catch (ImageReadException e) {
            abort(response, bounded);
            if (bounded != null && bounded.deadlineReached()) {
                throw new ThumbnailDeadlineException(object.uri(), "the GetObject body was still arriving at the "
                        + "Lambda deadline less the safety margin of " + millis(marginNanos) + ", after "
                        + e.bytesRead() + " bytes; reading stopped there", true, e.getCause());
            }
            throw e;
        } catch (RuntimeException e) {
            abort(response, bounded); // closing would drain the rest of a body we gave up on
            throw e;
        }
        finish(response, bounded, in);
        return set;
    }

    /** After the image: bytes after its end (a decoder stops there) are aborted, not drained; else close. */
    private static void finish(ResponseInputStream<GetObjectResponse> response, DeadlineInputStream bounded,
            InputStream in) {
        try {
            if (in.read() >= 0) {
                abort(response, bounded);
            } else {
                in.close();
            }
        } catch (IOException | RuntimeException e) {
            abort(response, bounded); // the image is complete: what follows it does not matter
        }
    }

    private static void abort(ResponseInputStream<GetObjectResponse> response, DeadlineInputStream bounded) {
        if (bounded != null) {
            bounded.abort();
        } else {
            response.abort();
        }
    }

    private void publish(S3ObjectRef object, ThumbnailSet set, List<ThumbnailCreatedDetail.Written> written,
            Invocation invocation) {
        ThumbnailCreatedDetail detail = new ThumbnailCreatedDetail(object.bucket(), object.key(), object.versionId(),
                object.eTag(), set.source().format().name(), set.source().uprightWidth(),
                set.source().uprightHeight(), written);
        EventBridgeEntry entry = EventBridgeEntry.of(eventSource, ThumbnailCreatedDetail.DETAIL_TYPE, detail)
                .withResources(List.of("arn:aws:s3:::" + object.bucket() + "/" + object.key()));
        PublishReport report;
        try {
            // The publisher's API takes the Context; it builds the same deadline from it.
            report = events.publish(List.of(entry), invocation.context());
        } catch (MessagingException e) {
            throw new ThumbnailAwsException(object.uri(), "EventBridge PutEvents", e.getMessage(), e);
        }
        if (!report.allSucceeded()) {
            PublishReport.FailedEntry failed = report.failed().get(0);
            if (RetryPolicy.DEADLINE_ERROR_CODE.equals(failed.errorCode())) {
                throw new ThumbnailDeadlineException(object.uri(), "EventBridge PutEvents of the "
                        + ThumbnailCreatedDetail.DETAIL_TYPE + " event was stopped: " + failed.errorMessage(), true,
                        null);
            }
            throw new ThumbnailAwsException(object.uri(), "EventBridge PutEvents", "the "
                    + ThumbnailCreatedDetail.DETAIL_TYPE + " entry was refused with " + failed.errorCode() + " ("
                    + failed.errorMessage() + ") after " + failed.attempts() + " attempt(s)", null);
        }
    }

    /**
     * One AWS call through the retry policy, its failures typed: the deadline as {@link ThumbnailDeadlineException},
     * anything else as {@link ThumbnailAwsException}; with {@code goneIsSkip}, S3's 404 and 412 as {@link Gone}.
     */
    private <T> T aws(String operation, S3ObjectRef object, Invocation invocation, boolean goneIsSkip,
            AttemptCall<T, RuntimeException> call) {
        try {
            return retryPolicy.call(operation, invocation, call);
        } catch (DeadlineExceededException e) {
            throw new ThumbnailDeadlineException(object.uri(), operation + " was stopped at the Lambda deadline less "
                    + "the safety margin of " + millis(marginNanos) + ": " + e.getMessage(), true, e);
        } catch (RetriesExhaustedException e) {
            throw new ThumbnailAwsException(object.uri(), operation, e.getMessage(), e);
        } catch (S3Exception e) {
            if (goneIsSkip && (e.statusCode() == 404 || e.statusCode() == 412)) {
                throw new Gone(e.statusCode());
            }
            throw new ThumbnailAwsException(object.uri(), operation, e.getMessage(), e);
        } catch (SdkException e) {
            throw new ThumbnailAwsException(object.uri(), operation, e.getMessage(), e);
        }
    }

    /** S3 answered 404 or 412 for the source: the version is gone or was overwritten. */
    private static final class Gone extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int statusCode;

        Gone(int statusCode) {
            super(null, null, false, false);
            this.statusCode = statusCode;
        }
    }

    private ThumbnailOutcome failed(S3ObjectRef object, ThumbnailException failure, List<String> sent,
            boolean published, Invocation invocation) {
        if (!published) {
            deleteSent(object, sent, invocation);
        } else if (!sent.isEmpty()) {
            LOG.warn("kept the thumbnails of {}: its {} event named them before the metadata item failed; the retry "
                    + "writes the same bytes", object.uri(), ThumbnailCreatedDetail.DETAIL_TYPE);
        }
        if (failure instanceof ThumbnailDeadlineException) {
            LOG.warn("stopped at the deadline: {}", failure.getMessage());
        }
        return new ThumbnailOutcome(object, ThumbnailOutcome.Status.FAILED, List.of(), failure.getMessage(), failure);
    }

    /**
     * Deletes the thumbnails whose PutObject was sent for a version that failed, with one DeleteObjects, best
     * effort: within the deadline less half the safety margin, its failure logged, never thrown.
     */
    private void deleteSent(S3ObjectRef object, List<String> keys, Invocation invocation) {
        if (keys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        try {
            DeleteObjectsResponse deleted = cleanupPolicy.call("S3 DeleteObjects", invocation, attempt ->
                    s3Client.deleteObjects(r -> r.bucket(object.bucket()).delete(d -> d.objects(ids).quiet(true))
                            .overrideConfiguration(attempt.overrideConfiguration())));
            if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
                LOG.warn("could not delete {} of the thumbnails of {} (a retry overwrites them with the same bytes): {}",
                        deleted.errors().size(), object.uri(), deleted.errors());
            } else {
                LOG.debug("deleted the thumbnails {} of {}", keys, object.uri());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not delete the thumbnails {} of {} (a retry overwrites them with the same bytes): {}", keys,
                    object.uri(), e.toString());
        }
    }

    private static ThumbnailOutcome skipped(S3ObjectRef object, String why) {
        return new ThumbnailOutcome(object, ThumbnailOutcome.Status.SKIPPED, List.of(), why, null);
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }

    private static String extension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1 || dot == key.length() - 1) {
            return null;
        }
        return key.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String idOf(S3ObjectRef object) {
        return object.bucket() + "/" + object.key() + "#"
                + (object.versionId() != null ? "v:" + object.versionId() : "e:" + object.eTag());
    }

    @Override
    public String toString() {
        return "S3ThumbnailProcessor[table " + tableName + ", output " + outputPrefix
                + (sourcePrefix == null ? "" : ", source " + sourcePrefix) + ", " + thumbnailer.specs().size()
                + " spec(s), " + retryPolicy + "]";
    }

    /** Builds an {@link S3ThumbnailProcessor}. Not thread-safe. */
    public static final class Builder {
        private S3Client s3Client;
        private DynamoDbClient dynamoDbClient;
        private EventBridgeClient eventBridgeClient;
        private String tableName;
        private Thumbnailer thumbnailer;
        private String outputPrefix = "thumb/";
        private String sourcePrefix;
        private String eventBusName = "default";
        private String eventSource = "serverless4j.thumbnails";
        private String cacheControl = "public, max-age=31536000, immutable";
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration minTimeToStart = Duration.ofSeconds(1);

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.s3Client = s3Client;
            b.dynamoDbClient = dynamoDbClient;
            b.eventBridgeClient = eventBridgeClient;
            b.tableName = tableName;
            b.thumbnailer = thumbnailer;
            b.outputPrefix = outputPrefix;
            b.sourcePrefix = sourcePrefix;
            b.eventBusName = eventBusName;
            b.eventSource = eventSource;
            b.cacheControl = cacheControl;
            b.clock = clock;
            b.retryPolicy = retryPolicy;
            b.minTimeToStart = minTimeToStart;
            return b;
        }

        /**
         * The S3 client (reads sources, writes and, after a failure, deletes thumbnails). Built by you, with the
         * HTTP client you chose.
         *
         * @param s3Client the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder s3Client(S3Client s3Client) {
            this.s3Client = Objects.requireNonNull(s3Client, "s3Client");
            return this;
        }

        /**
         * The DynamoDB client for the metadata table.
         *
         * @param dynamoDbClient the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder dynamoDbClient(DynamoDbClient dynamoDbClient) {
            this.dynamoDbClient = Objects.requireNonNull(dynamoDbClient, "dynamoDbClient");
            return this;
        }

        /**
         * The EventBridge client for {@code ThumbnailCreated} events.
         *
         * @param eventBridgeClient the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder eventBridgeClient(EventBridgeClient eventBridgeClient) {
            this.eventBridgeClient = Objects.requireNonNull(eventBridgeClient, "eventBridgeClient");
            return this;
        }

        /**
         * How every S3, DynamoDB and EventBridge call is retried, and the time kept free before the Lambda deadline
         * ({@link RetryPolicy#safetyMargin()}: the work on an object stops at the deadline less this margin, and the
         * deletion of a failed object's thumbnails may use its first half). Default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The least time an object is expected to take: an object is started only while at least this much — or,
         * when longer, as long as the longest object of the same call took — is left before the deadline less the
         * retry policy's safety margin. The others are reported {@link ThumbnailOutcome.Status#NOT_STARTED}.
         *
         * @param minTimeToStart zero or more; default 1 s
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when negative
         */
        public Builder minTimeToStart(Duration minTimeToStart) {
            Objects.requireNonNull(minTimeToStart, "minTimeToStart");
            if (minTimeToStart.isNegative()) {
                throw new IllegalArgumentException("minTimeToStart must not be negative, was " + minTimeToStart);
            }
            this.minTimeToStart = minTimeToStart;
            return this;
        }

        /**
         * The metadata table: partition key {@code id} (string), nothing else required.
         *
         * @param tableName the table name
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder tableName(String tableName) {
            this.tableName = nonEmpty(tableName, "tableName");
            return this;
        }

        /**
         * What to make.
         *
         * @param thumbnailer the thumbnailer; its {@code maxInputBytes} is also the object size limit
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder thumbnailer(Thumbnailer thumbnailer) {
            this.thumbnailer = Objects.requireNonNull(thumbnailer, "thumbnailer");
            return this;
        }

        /**
         * Where thumbnails go; keys under it are never processed.
         *
         * @param outputPrefix default {@code thumb/}; must end with {@code /}
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty or not ending with {@code /}
         */
        public Builder outputPrefix(String outputPrefix) {
            nonEmpty(outputPrefix, "outputPrefix");
            if (!outputPrefix.endsWith("/")) {
                throw new IllegalArgumentException("outputPrefix must end with '/', was '" + outputPrefix + "'");
            }
            this.outputPrefix = outputPrefix;
            return this;
        }

        /**
         * Only keys under this prefix are processed (the S3 notification should filter on it too).
         *
         * @param sourcePrefix e.g. {@code raw/}; default: any key outside the output prefix
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder sourcePrefix(String sourcePrefix) {
            this.sourcePrefix = nonEmpty(sourcePrefix, "sourcePrefix");
            return this;
        }

        /**
         * The event bus for {@code ThumbnailCreated}.
         *
         * @param eventBusName default {@code default}
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder eventBusName(String eventBusName) {
            this.eventBusName = nonEmpty(eventBusName, "eventBusName");
            return this;
        }

        /**
         * The events' {@code source}.
         *
         * @param eventSource default {@code serverless4j.thumbnails}
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder eventSource(String eventSource) {
            this.eventSource = nonEmpty(eventSource, "eventSource");
            return this;
        }

        /**
         * The {@code Cache-Control} header of every thumbnail.
         *
         * @param cacheControl default {@code public, max-age=31536000, immutable} (a version's thumbnail never
         *     changes)
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder cacheControl(String cacheControl) {
            this.cacheControl = nonEmpty(cacheControl, "cacheControl");
            return this;
        }

        /**
         * The clock for the metadata item's {@code createdAt}.
         *
         * @param clock default the system UTC clock
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the processor.
         *
         * @return the immutable processor
         * @throws IllegalStateException when a required setting is missing, or the source prefix is inside the
         *     output prefix (or the other way round), which would let thumbnails trigger themselves
         */
        public S3ThumbnailProcessor build() {
            List<String> missing = new ArrayList<>();
            if (s3Client == null) {
                missing.add("s3Client");
            }
            if (dynamoDbClient == null) {
                missing.add("dynamoDbClient");
            }
            if (eventBridgeClient == null) {
                missing.add("eventBridgeClient");
            }
            if (tableName == null) {
                missing.add("tableName");
            }
            if (thumbnailer == null) {
                missing.add("thumbnailer");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("S3ThumbnailProcessor needs " + String.join(", ", missing)
                        + ": set them on the builder");
            }
            if (sourcePrefix != null && (sourcePrefix.startsWith(outputPrefix) || outputPrefix.startsWith(
                    sourcePrefix))) {
                throw new IllegalStateException("sourcePrefix '" + sourcePrefix + "' and outputPrefix '"
                        + outputPrefix + "' overlap: thumbnails would trigger the function again");
            }
            return new S3ThumbnailProcessor(this);
        }

        private static String nonEmpty(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }
    }
}
