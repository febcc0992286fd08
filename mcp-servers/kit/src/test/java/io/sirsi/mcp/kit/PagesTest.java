package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {
    private static Catalog catalogOf(int tools) {
        var catalog = new Catalog();
        List<KitTool> all = new ArrayList<>();
        for (int i = 0; i < tools; i++) {
            all.add(KitTool.builder("tool_" + i)
                    .description("Tool " + i)
                    .handler(c -> "ok")
                    .build());
        }
        catalog.setTools(all);
        return catalog;
    }

    private static List<String> names(Pages.Page<KitTool> page) {
        return page.items().stream().map(KitTool::name).toList();
    }

    @Test
    void pagesThroughEveryItemOnceAndEndsWithoutACursor() {
        Catalog catalog = catalogOf(7);
        var first = Pages.page(catalog.toolSnapshot(), Catalog.Kind.TOOLS, null, 3);
        assertEquals(List.of("tool_0", "tool_1", "tool_2"), names(first));
        var second = Pages.page(
                catalog.toolSnapshot(), Catalog.Kind.TOOLS, Json.object().put("cursor", first.nextCursor()), 3);
        assertEquals(List.of("tool_3", "tool_4", "tool_5"), names(second));
        var third = Pages.page(
                catalog.toolSnapshot(), Catalog.Kind.TOOLS, Json.object().put("cursor", second.nextCursor()), 3);
        assertEquals(List.of("tool_6"), names(third));
        assertNull(third.nextCursor());
    }

    @Test
    void aListThatFitsOnOnePageHasNoCursor() {
        assertNull(Pages.page(catalogOf(3).toolSnapshot(), Catalog.Kind.TOOLS, null, 3)
                .nextCursor());
    }

    @Test
    void rejectsBogusForeignAndStaleCursorsAsInvalidParams() {
        Catalog catalog = catalogOf(5);
        String cursor =
                Pages.page(catalog.toolSnapshot(), Catalog.Kind.TOOLS, null, 2).nextCursor();
        var bogus = assertThrows(
                ProtocolException.class,
                () -> Pages.page(
                        catalog.toolSnapshot(),
                        Catalog.Kind.TOOLS,
                        Json.object().put("cursor", "bogus!"),
                        2));
        assertEquals(-32602, bogus.code());
        var foreign = assertThrows(
                ProtocolException.class,
                () -> Pages.page(
                        catalog.promptSnapshot(),
                        Catalog.Kind.PROMPTS,
                        Json.object().put("cursor", cursor),
                        2));
        assertTrue(foreign.getMessage().contains("another list"), foreign.getMessage());
        catalog.putTool(KitTool.builder("late")
                .description("Added later")
                .handler(c -> "ok")
                .build());
        var stale = assertThrows(
                ProtocolException.class,
                () -> Pages.page(
                        catalog.toolSnapshot(),
                        Catalog.Kind.TOOLS,
                        Json.object().put("cursor", cursor),
                        2));
        assertTrue(stale.getMessage().contains("list again"), stale.getMessage());
        var notText = assertThrows(
                ProtocolException.class,
                () -> Pages.page(
                        catalog.toolSnapshot(),
                        Catalog.Kind.TOOLS,
                        Json.object().put("cursor", 5),
                        2));
        assertTrue(notText.getMessage().contains("must be a string"), notText.getMessage());
    }
}
