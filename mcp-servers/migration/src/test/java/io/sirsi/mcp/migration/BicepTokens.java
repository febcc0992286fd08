package io.sirsi.mcp.migration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small Bicep tokenizer and checker for tests. It is not a Bicep parser and knows no resource schema: it
 * splits the text into identifiers, strings (with the code inside {@code ${...}} tokenized too),
 * numbers and punctuation, then checks what can be checked from tokens alone: brackets balance, each
 * symbol is declared once, every identifier used as a value names a declared param or resource, every
 * param is used, resource types look like {@code Namespace/type@yyyy-mm-dd}, and a {@code @secure()}
 * param has no default.
 */
final class BicepTokens {
    enum Kind {
        IDENT,
        STRING,
        NUMBER,
        PUNCT
    }

    record Token(Kind kind, String text, int line) {}

    private static final Pattern RESOURCE_TYPE =
            Pattern.compile("[A-Z][A-Za-z]+\\.[A-Za-z]+(/[A-Za-z]+)+@\\d{4}-\\d{2}-\\d{2}(-preview)?");
    private static final Set<String> KEYWORDS = Set.of(
            "param",
            "resource",
            "output",
            "var",
            "existing",
            "true",
            "false",
            "null",
            "string",
            "int",
            "bool",
            "object",
            "array",
            "if",
            "for",
            "in",
            "targetScope");
    private static final Set<String> FUNCTIONS = Set.of(
            "resourceGroup",
            "resourceId",
            "subscriptionResourceId",
            "subscription",
            "guid",
            "replace",
            "string",
            "secure",
            "description",
            "minLength",
            "maxLength",
            "toLower",
            "take",
            "uniqueString");

    final List<Token> tokens = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final Map<String, String> resources = new LinkedHashMap<>();
    final Map<String, Boolean> params = new LinkedHashMap<>();
    final Set<String> secureWithoutDefault = new LinkedHashSet<>();
    final Set<String> existing = new LinkedHashSet<>();
    final List<String> references = new ArrayList<>();

    private BicepTokens() {}

    /** Tokenizes and checks {@code text}; the findings are in {@link #problems}. */
    static BicepTokens check(String text) {
        BicepTokens bicep = new BicepTokens();
        bicep.tokenize(text);
        bicep.balance();
        bicep.declarations();
        bicep.references();
        return bicep;
    }

    private void tokenize(String text) {
        int i = 0;
        int line = 1;
        Deque<Integer> interpolations = new ArrayDeque<>(); // brace depth at which each ${ opened
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '}' && !interpolations.isEmpty() && interpolations.peek() == depth) {
                interpolations.pop();
                i = string(text, i + 1, line, interpolations, depth);
            } else if (c == '\'') {
                if (text.startsWith("'''", i)) {
                    problems.add("line " + line + ": multi-line strings are not expected");
                }
                i = string(text, i + 1, line, interpolations, depth);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, text.substring(start, i), line));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line));
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), line));
                i++;
            }
        }
        if (!interpolations.isEmpty()) {
            problems.add("an interpolation is not closed");
        }
    }

    /** Reads string text from {@code i} up to its closing quote or an interpolation; returns where code resumes. */
    private int string(String text, int i, int line, Deque<Integer> interpolations, int depth) {
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                literal.append(text, i, Math.min(i + 2, text.length()));
                i += 2;
            } else if (c == '\'') {
                tokens.add(new Token(Kind.STRING, literal.toString(), line));
                return i + 1;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                tokens.add(new Token(Kind.STRING, literal.toString(), line));
                interpolations.push(depth);
                return i + 2;
            } else if (c == '\n') {
                problems.add("line " + line + ": a string runs past the end of its line");
                return i;
            } else {
                literal.append(c);
                i++;
            }
        }
        problems.add("line " + line + ": a string is not closed");
        return i;
    }

    private void balance() {
        Deque<String> open = new ArrayDeque<>();
        for (Token t : tokens) {
            if (t.kind() != Kind.PUNCT) {
                continue;
            }
            switch (t.text()) {
                case "{", "[", "(" -> open.push(t.text());
                case "}", "]", ")" -> {
                    String expected =
                            switch (t.text()) {
                                case "}" -> "{";
                                case "]" -> "[";
                                default -> "(";
                            };
                    if (open.isEmpty() || !open.pop().equals(expected)) {
                        problems.add("line " + t.line() + ": unbalanced " + t.text());
                        return;
                    }
                }
                default -> {}
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed " + open);
        }
    }

    private void declarations() {
        Set<String> symbols = new LinkedHashSet<>();
        boolean secure = false;
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.PUNCT
                    && t.text().equals("@")
                    && tokens.get(i + 1).text().equals("secure")) {
                secure = true;
            }
            if (t.kind() != Kind.IDENT || !lineStart(i)) {
                continue;
            }
            Token name = tokens.get(i + 1);
            switch (t.text()) {
                case "param" -> {
                    boolean hasDefault = i + 3 < tokens.size()
                            && tokens.get(i + 3).text().equals("=")
                            && tokens.get(i + 3).line() == name.line();
                    params.put(name.text(), hasDefault);
                    if (secure && !hasDefault) {
                        secureWithoutDefault.add(name.text());
                    }
                    secure = false;
                    declare(symbols, name);
                }
                case "resource" -> {
                    Token type = tokens.get(i + 2);
                    if (type.kind() != Kind.STRING
                            || !RESOURCE_TYPE.matcher(type.text()).matches()) {
                        problems.add("line " + t.line() + ": resource " + name.text() + " has type " + type.text());
                    }
                    resources.put(name.text(), type.text());
                    if (tokens.get(i + 3).text().equals("existing")) {
                        existing.add(name.text());
                    }
                    declare(symbols, name);
                }
                case "var" -> declare(symbols, name);
                default -> {}
            }
        }
    }

    private void declare(Set<String> symbols, Token name) {
        if (name.kind() != Kind.IDENT || !symbols.add(name.text())) {
            problems.add("line " + name.line() + ": " + name.text() + " is declared twice or is not a name");
        }
    }

    /** Whether token {@code i} is the first on its line (declarations start lines). */
    private boolean lineStart(int i) {
        return i == 0 || tokens.get(i - 1).line() < tokens.get(i).line();
    }

    private void references() {
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.IDENT
                    || KEYWORDS.contains(t.text()) && !t.text().equals("string")) {
                continue;
            }
            Token before = i > 0 ? tokens.get(i - 1) : null;
            Token after = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            boolean member = before != null && before.text().equals(".");
            boolean decorator = before != null && before.text().equals("@");
            boolean call = after != null && after.text().equals("(");
            boolean key = after != null && after.text().equals(":");
            boolean declaration = before != null
                    && before.kind() == Kind.IDENT
                    && Set.of("param", "resource", "output", "var").contains(before.text());
            boolean type = i >= 2
                    && tokens.get(i - 2).kind() == Kind.IDENT
                    && Set.of("param", "output").contains(tokens.get(i - 2).text());
            if (member || decorator || key || declaration || type) {
                continue;
            }
            if (call) {
                if (!FUNCTIONS.contains(t.text())) {
                    problems.add("line " + t.line() + ": unknown function " + t.text());
                }
                continue;
            }
            if (t.text().equals("string")) {
                continue;
            }
            references.add(t.text());
            used.add(t.text());
            if (!resources.containsKey(t.text()) && !params.containsKey(t.text())) {
                problems.add("line " + t.line() + ": " + t.text() + " is not declared");
            }
        }
        for (String param : params.keySet()) {
            if (!used.contains(param)) {
                problems.add("param " + param + " is never used");
            }
        }
    }
}
