package io.sirsi.mcp.migration;

/** The target cloud's service for each role, as the provider names it. */
final class TargetServices {
    private TargetServices() {}

    static String vm(Cloud c) {
        return switch (c) {
            case AWS -> "Amazon EC2";
            case AZURE -> "Azure Virtual Machines";
            case GCP -> "Compute Engine";
        };
    }

    static String database(Cloud c, String engine) {
        String e =
                switch (engine) {
                    case "postgres" -> "PostgreSQL";
                    case "mysql" -> "MySQL";
                    case "sqlserver" -> "SQL Server";
                    default -> engine;
                };
        return switch (c) {
            case AWS -> "Amazon RDS for " + e;
            case AZURE ->
                engine.equals("sqlserver") ? "Azure SQL Database" : "Azure Database for " + e + " flexible server";
            case GCP -> "Cloud SQL for " + e;
        };
    }

    static String bucket(Cloud c) {
        return switch (c) {
            case AWS -> "Amazon S3";
            case AZURE -> "Azure Blob Storage";
            case GCP -> "Cloud Storage";
        };
    }

    static String loadBalancer(Cloud c) {
        return switch (c) {
            case AWS -> "Application Load Balancer";
            case AZURE -> "Azure Load Balancer";
            case GCP -> "Cloud Load Balancing";
        };
    }

    static String function(Cloud c) {
        return switch (c) {
            case AWS -> "AWS Lambda";
            case AZURE -> "Azure Functions";
            case GCP -> "Cloud Run functions";
        };
    }

    static String cdn(Cloud c) {
        return switch (c) {
            case AWS -> "Amazon CloudFront";
            case AZURE -> "Azure Front Door";
            case GCP -> "Cloud CDN";
        };
    }

    static String monitoring(Cloud c) {
        return switch (c) {
            case AWS -> "Amazon CloudWatch";
            case AZURE -> "Azure Monitor";
            case GCP -> "Cloud Monitoring";
        };
    }

    static String adminAccess(Cloud c) {
        return switch (c) {
            case AWS -> "AWS Systems Manager Session Manager";
            case AZURE -> "Azure Bastion";
            case GCP -> "Identity-Aware Proxy TCP forwarding";
        };
    }

    static String vmMigration(Cloud c) {
        return switch (c) {
            case AWS -> "AWS Application Migration Service";
            case AZURE -> "Azure Migrate server migration";
            case GCP -> "Migrate to Virtual Machines";
        };
    }

    static String databaseMigration(Cloud c) {
        return switch (c) {
            case AWS -> "AWS Database Migration Service";
            case AZURE -> "Azure Database Migration Service";
            case GCP -> "Database Migration Service";
        };
    }

    static String objectTransfer(Cloud c) {
        return switch (c) {
            case AWS -> "AWS DataSync";
            case AZURE -> "AzCopy";
            case GCP -> "Storage Transfer Service";
        };
    }
}
