package io.sirsi.mcp.kit;

import java.util.List;

/** A cohesive set of tools ({@code InstanceTools}, {@code CostTools}) registered together. */
@FunctionalInterface
public interface ToolGroup {
    /** The group's tools. */
    List<KitTool> tools();
}
