package io.sirsi.mcp.gcp;

import com.google.cloud.Binding;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import io.sirsi.mcp.inventory.EstateBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Cloud Storage answers into the inventory: one {@code gcp.storage.bucket} per bucket, with the
 * settings and IAM bindings that decide who can read it, under the JSON API's own names.
 */
final class BucketCollector {
    private final Storage storage;
    private final EstateBuilder builder;
    private final String project;

    BucketCollector(Storage storage, EstateBuilder builder, String project) {
        this.storage = storage;
        this.builder = builder;
        this.project = project;
    }

    /** The project's buckets (those located in {@code region}, if given); returns how many. */
    int collect(Optional<String> region) {
        List<Bucket> buckets = GcpSource.call(
                "storage.buckets.list",
                project,
                () -> GcpCollector.all(storage.list().iterateAll()));
        int count = 0;
        for (Bucket bucket : buckets) {
            if (region.isEmpty() || region.get().equalsIgnoreCase(bucket.getLocation())) {
                bucket(bucket);
                count++;
            }
        }
        return count;
    }

    private void bucket(Bucket bucket) {
        List<Map<String, Object>> bindings = GcpSource.call(
                        "storage.buckets.getIamPolicy",
                        project,
                        () -> storage.getIamPolicy(
                                bucket.getName(), Storage.BucketSourceOption.requestedPolicyVersion(3)))
                .getBindingsList()
                .stream()
                .map(BucketCollector::binding)
                .toList();
        BucketInfo.IamConfiguration iam = bucket.getIamConfiguration();
        BucketInfo.PublicAccessPrevention prevention = iam == null ? null : iam.getPublicAccessPrevention();
        var draft = builder.add(
                        "gcp.storage.bucket",
                        "projects/_/buckets/" + bucket.getName(),
                        project,
                        bucket.getLocation(),
                        bucket.getName())
                .prop(
                        "storageClass",
                        bucket.getStorageClass() == null
                                ? "STANDARD"
                                : bucket.getStorageClass().name())
                .prop(
                        "iamConfiguration",
                        Map.of(
                                "uniformBucketLevelAccess",
                                Map.of(
                                        "enabled",
                                        iam != null && Boolean.TRUE.equals(iam.isUniformBucketLevelAccessEnabled())),
                                "publicAccessPrevention",
                                // "unspecified", the API's older word, means the same as "inherited".
                                prevention == null || prevention.getValue() == null
                                        ? "inherited"
                                        : prevention.getValue()))
                .prop("iamBindings", bindings)
                .prop("versioning", Map.of("enabled", Boolean.TRUE.equals(bucket.versioningEnabled())));
        if (bucket.getLabels() != null) {
            bucket.getLabels().forEach(draft::tag);
        }
    }

    private static Map<String, Object> binding(Binding binding) {
        var out = new LinkedHashMap<String, Object>();
        out.put("role", binding.getRole());
        out.put("members", List.copyOf(binding.getMembers()));
        if (binding.getCondition() != null) {
            out.put(
                    "condition",
                    Map.of(
                            "title",
                            String.valueOf(binding.getCondition().getTitle()),
                            "expression",
                            String.valueOf(binding.getCondition().getExpression())));
        }
        return out;
    }
}
