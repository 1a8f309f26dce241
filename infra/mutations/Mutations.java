import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the guard mutations of {@code infra/mutations/guards.tsv} (see {@code docs/mutations.md}):
 * each one alone, in a clean copy of HEAD (a git worktree), against only the tests named for it,
 * and tells whether those tests caught it. Started by {@code infra/mutations/run.sh}, which finds
 * a JDK; a single-file program (JEP 330), no build needed.
 *
 * <pre>
 * infra/mutations/run.sh                 every entry
 * infra/mutations/run.sh inv-row-lock 'coupon-*'   some (ids, or globs with *)
 * infra/mutations/run.sh --list          the entries, nothing run
 * infra/mutations/run.sh --check         checks the list against the working tree, nothing run
 * infra/mutations/run.sh --no-baseline   skip the first run of the tests on the unmutated copy
 * </pre>
 *
 * Maven runs as {@code ./mvnw -B -ntp ...} in the copy; options for it go in the environment
 * variable {@code MAVEN_ARGS} (read by Maven itself), e.g. {@code MAVEN_ARGS=-o} offline.
 * Other variables: {@code MUTATIONS_WORKTREE} (where the copy lives; default a folder in the
 * temporary directory), {@code MUTATIONS_KEEP_WORKTREE=1} (keep it for the next run: its compiled
 * classes make that run faster), {@code MUTATIONS_TIMEOUT_MINUTES} (per entry, default 15).
 *
 * <p>Results: KILLED (a named test failed, or the run timed out), SURVIVED (every named test
 * passed), ERROR (the mutation could not be applied, the code did not compile, the application
 * context did not start, or a named test did not run: a defect of the list). The exit status is 0
 * only if every entry run was KILLED.
 */
public class Mutations {

    private static final Pattern TESTSUITE = Pattern.compile("<testsuite\\b[^>]*>");
    private static final Pattern TESTCASE = Pattern.compile("<testcase\\b([^>]*?)(/>|>(.*?)</testcase>)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern CLASSNAME = Pattern.compile("\\bclassname=\"([^\"]*)\"");
    private static final List<String> CONTEXT_FAILURES = List.of("Failed to load ApplicationContext",
            "ApplicationContext failure threshold");

    enum Result { KILLED, SURVIVED, ERROR }

    record Entry(int line, String id, String guard, String file, String original, String replacement,
            List<String> tests) {

        List<String> testClasses() {
            return tests.stream().map(Mutations::classOf).distinct().toList();
        }
    }

    record Outcome(Entry entry, Result result, String note, long seconds) {
    }

    record MavenRun(int exitCode, boolean timedOut, String output) {
    }

    private final Path repo;
    private final Path listFile;
    private final Path targetDir;
    private Path worktree;
    private Map<String, String> testModules;
    private volatile Process running;

    Mutations(Path repo) {
        this.repo = repo;
        this.listFile = repo.resolve("infra/mutations/guards.tsv");
        this.targetDir = repo.resolve("infra/mutations/target");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Mutations.java <repository root> [--list] [--no-baseline] [id|glob ...]");
            System.exit(64);
        }
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        boolean list = false;
        boolean checkOnly = false;
        boolean baseline = true;
        List<String> selectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--list" -> list = true;
                case "--check" -> checkOnly = true;
                case "--no-baseline" -> baseline = false;
                case "-h", "--help" -> {
                    System.out.println("usage: infra/mutations/run.sh [--list] [--check] [--no-baseline] [id|glob ...]"
                            + "\n  Maven options: MAVEN_ARGS (e.g. MAVEN_ARGS=-o); see docs/mutations.md");
                    return;
                }
                default -> selectors.add(args[i]);
            }
        }
        System.exit(new Mutations(repo).run(list, checkOnly, baseline, selectors));
    }

    int run(boolean listOnly, boolean checkOnly, boolean baseline, List<String> selectors) throws Exception {
        List<Entry> all = parse(listFile);
        List<Entry> selected = select(all, selectors);
        if (checkOnly) {
            // against the working tree, without running anything
            testModules = indexTests(repo);
            List<String> defects = check(selected, repo);
            defects.forEach(d -> System.err.println("  " + d));
            System.out.println(selected.size() + " entries, " + defects.size() + " defects");
            return defects.isEmpty() ? 0 : 2;
        }
        if (listOnly) {
            for (Entry e : selected) {
                System.out.printf("%-28s %s%n%28s   %s -> %s%n%28s   tests: %s%n", e.id(), e.guard(), "", e.file(),
                        oneLine(e.replacement()), "", String.join(", ", e.tests()));
            }
            return 0;
        }
        Instant started = Instant.now();
        String head = git(repo, "rev-parse", "HEAD").strip();
        warnAboutUncommittedChanges();
        prepareWorktree(head);
        Thread cleanUp = new Thread(this::interrupted, "mutations-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        Files.createDirectories(targetDir.resolve("logs"));
        try {
            testModules = indexTests(worktree);
            List<String> defects = check(selected, worktree);
            if (!defects.isEmpty()) {
                System.err.println("The list has defects; nothing was run:");
                defects.forEach(d -> System.err.println("  " + d));
                return 2;
            }
            if (baseline && !baseline(selected)) {
                return 2;
            }
            if (!baseline && !compileAll()) {
                return 2;
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Entry entry : selected) {
                Outcome outcome = runOne(entry);
                outcomes.add(outcome);
                System.out.printf("==> %-28s %-8s %4d s  %s%n", entry.id(), outcome.result(), outcome.seconds(),
                        outcome.note());
                writeReport(outcomes, head, started, false);
            }
            resetWorktree();
            writeReport(outcomes, head, started, true);
            System.out.println();
            System.out.println(table(outcomes));
            long total = Duration.between(started, Instant.now()).toSeconds();
            Map<Result, Long> counts = outcomes.stream()
                    .collect(Collectors.groupingBy(Outcome::result, TreeMap::new, Collectors.counting()));
            System.out.printf("%d mutations, %s; %d min %02d s in all. Report: %s%n", outcomes.size(), counts,
                    total / 60, total % 60, repo.relativize(targetDir.resolve("report.md")));
            return outcomes.stream().allMatch(o -> o.result() == Result.KILLED) ? 0 : 1;
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
            removeWorktree();
        }
    }

    /** Stopped before the end (Ctrl-C, a cancelled CI job): Maven stopped, the copy put back. */
    private void interrupted() {
        try {
            Process maven = running;
            if (maven != null && maven.isAlive()) {
                maven.descendants().forEach(ProcessHandle::destroyForcibly);
                maven.destroyForcibly();
                maven.waitFor(10, TimeUnit.SECONDS);
            }
            resetWorktree();
            removeWorktree();
        } catch (Exception e) {
            System.err.println("Could not clean up " + worktree + ": " + e);
        }
    }

    // ---------------------------------------------------------------------------------------- the list

    static List<Entry> parse(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 6) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected 6 tab-separated fields "
                        + "(id, guard, file, original, replacement, tests), found " + fields.length);
            }
            String id = fields[0].strip();
            if (!id.matches("[a-z0-9][a-z0-9-]*") || !ids.add(id)) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": id '" + id + "' is malformed or not unique");
            }
            List<String> tests = Stream.of(fields[5].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (tests.isEmpty() || fields[3].isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": entry " + id + " needs an original text and tests");
            }
            entries.add(new Entry(n + 1, id, fields[1].strip(), fields[2].strip(), unescape(fields[3]),
                    unescape(fields[4]), tests));
        }
        return entries;
    }

    /** {@code \n} a line break, {@code \t} a tab, {@code \\} a backslash; any other backslash stays as it is. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(i + 1);
                switch (next) {
                    case 'n' -> { out.append('\n'); i++; continue; }
                    case 't' -> { out.append('\t'); i++; continue; }
                    case '\\' -> { out.append('\\'); i++; continue; }
                    default -> { }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    static List<Entry> select(List<Entry> all, List<String> selectors) {
        if (selectors.isEmpty()) {
            return all;
        }
        List<Entry> chosen = new ArrayList<>();
        for (String selector : selectors) {
            Pattern pattern = Pattern.compile(Stream.of(selector.split("\\*", -1)).map(Pattern::quote)
                    .collect(Collectors.joining(".*")));
            List<Entry> matching = all.stream().filter(e -> pattern.matcher(e.id()).matches()).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("no entry matches '" + selector + "'; see --list");
            }
            matching.stream().filter(e -> !chosen.contains(e)).forEach(chosen::add);
        }
        return chosen;
    }

    /** Every defect of the selected entries that can be found without running anything. */
    private List<String> check(List<Entry> entries, Path root) throws IOException {
        List<String> defects = new ArrayList<>();
        for (Entry e : entries) {
            Path file = root.resolve(e.file());
            if (!Files.isRegularFile(file)) {
                defects.add(e.id() + ": no file " + e.file());
                continue;
            }
            int found = occurrences(Files.readString(file, StandardCharsets.UTF_8), e.original());
            if (found != 1) {
                defects.add(e.id() + ": the original text occurs " + found + " times in " + e.file() + " (must be once): "
                        + oneLine(e.original()));
            }
            if (e.original().equals(e.replacement())) {
                defects.add(e.id() + ": the replacement is the original");
            }
            for (String test : e.testClasses()) {
                if (!testModules.containsKey(test)) {
                    defects.add(e.id() + ": no test class " + test + " in any module's src/test/java");
                } else if (testModules.get(test) == null) {
                    defects.add(e.id() + ": test class " + test + " exists in more than one module");
                }
            }
        }
        return defects;
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    static String classOf(String test) {
        int hash = test.indexOf('#');
        return hash < 0 ? test : test.substring(0, hash);
    }

    // ------------------------------------------------------------------------------------- one mutation

    private Outcome runOne(Entry entry) throws Exception {
        long start = System.nanoTime();
        resetWorktree();
        Path file = worktree.resolve(entry.file());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int found = occurrences(text, entry.original());
        if (found != 1) {
            return new Outcome(entry, Result.ERROR, "original text found " + found + " times", seconds(start));
        }
        Files.writeString(file, text.replace(entry.original(), entry.replacement()), StandardCharsets.UTF_8);
        System.out.printf("%n--- %s: %s%n    %s: %s%n    tests: %s%n", entry.id(), entry.guard(), entry.file(),
                oneLine(entry.replacement()), String.join(", ", entry.tests()));
        MavenRun run = maven(entry.tests(), targetDir.resolve("logs/" + entry.id() + ".log"), true);
        return classify(entry, run, seconds(start));
    }

    private Outcome classify(Entry entry, MavenRun run, long seconds) throws IOException {
        if (run.timedOut()) {
            return new Outcome(entry, Result.KILLED, "timed out (a test hung under the mutation)", seconds);
        }
        if (run.output().contains("COMPILATION ERROR") || run.output().contains("Compilation failure")) {
            return new Outcome(entry, Result.ERROR, "does not compile (see its log)", seconds);
        }
        List<String> failing = new ArrayList<>();
        List<String> contextFailures = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String testClass : entry.testClasses()) {
            List<Path> reports = reportsOf(testClass);
            if (reports.isEmpty()) {
                missing.add(testClass);
                continue;
            }
            for (Path report : reports) {
                String xml = Files.readString(report, StandardCharsets.UTF_8);
                Matcher testcase = TESTCASE.matcher(xml);
                while (testcase.find()) {
                    String body = testcase.group(3) == null ? "" : testcase.group(3);
                    if (!body.contains("<failure") && !body.contains("<error")) {
                        continue;
                    }
                    String name = simpleName(attribute(CLASSNAME, testcase.group(1))) + "#"
                            + attribute(NAME, testcase.group(1));
                    if (CONTEXT_FAILURES.stream().anyMatch(body::contains)) {
                        contextFailures.add(name);
                    } else {
                        failing.add(name);
                    }
                }
            }
        }
        if (!failing.isEmpty()) {
            return new Outcome(entry, Result.KILLED, "failed: " + abbreviate(failing), seconds);
        }
        if (!contextFailures.isEmpty()) {
            return new Outcome(entry, Result.ERROR, "the application context did not start: " + abbreviate(contextFailures),
                    seconds);
        }
        if (!missing.isEmpty()) {
            return new Outcome(entry, Result.ERROR, "did not run: " + String.join(", ", missing)
                    + (run.exitCode() != 0 ? " (the build failed, see its log)" : ""), seconds);
        }
        if (run.exitCode() != 0) {
            return new Outcome(entry, Result.ERROR, "the build failed with every test passing (see its log)", seconds);
        }
        return new Outcome(entry, Result.SURVIVED, "every test passed", seconds);
    }

    private static String abbreviate(List<String> names) {
        List<String> distinct = names.stream().distinct().toList();
        return distinct.size() <= 3 ? String.join(", ", distinct)
                : String.join(", ", distinct.subList(0, 3)) + " and " + (distinct.size() - 3) + " more";
    }

    private static String attribute(Pattern pattern, String attributes) {
        Matcher m = pattern.matcher(attributes);
        return m.find() ? m.group(1) : "?";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private List<Path> reportsOf(String testClass) throws IOException {
        String module = testModules.get(testClass);
        List<Path> reports = new ArrayList<>();
        for (String dir : List.of("surefire-reports", "failsafe-reports")) {
            Path reportDir = worktree.resolve(module).resolve("target").resolve(dir);
            if (!Files.isDirectory(reportDir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(reportDir)) {
                files.filter(f -> f.getFileName().toString().endsWith("." + testClass + ".xml")
                        && f.getFileName().toString().startsWith("TEST-")).forEach(reports::add);
            }
        }
        return reports;
    }

    // ---------------------------------------------------------------------------------------- baseline

    private boolean baseline(List<Entry> entries) throws Exception {
        List<String> tests = entries.stream().flatMap(e -> e.tests().stream()).distinct().toList();
        System.out.printf("%n--- baseline: the %d named tests on the unmutated copy%n", tests.size());
        long start = System.nanoTime();
        resetWorktree();
        MavenRun run = maven(tests, targetDir.resolve("logs/baseline.log"), false);
        Entry all = new Entry(0, "baseline", "", "", "", "", tests);
        Outcome outcome = classify(all, run, seconds(start));
        if (outcome.result() == Result.SURVIVED) {
            System.out.printf("==> baseline passed in %d s%n", outcome.seconds());
            return true;
        }
        System.err.printf("The named tests do not pass without a mutation (%s); nothing was mutated. Log: %s%n",
                outcome.note(), repo.relativize(targetDir.resolve("logs/baseline.log")));
        return false;
    }

    /** Without a baseline, the first build: everything compiled as usual (the copy may be of another commit). */
    private boolean compileAll() throws Exception {
        System.out.printf("%n--- compiling the copy%n");
        Path log = targetDir.resolve("logs/compile.log");
        Process process = new ProcessBuilder(worktree.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString(), "-B", "-ntp",
                "test-compile").directory(worktree.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running = process;
        if (process.waitFor() != 0) {
            System.err.println("The unmutated copy does not compile; nothing was mutated. Log: " + repo.relativize(log));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------- Maven

    /**
     * The named tests only: surefire for unit tests, failsafe for ITs, in their modules and what they
     * need. With {@code staleOnly}, javac compiles only the sources changed since the last build (the
     * mutated file, or the one put back after the previous mutation) instead of whole modules and
     * every module that depends on them; right for a change inside a method or to a private
     * constant, which is what a mutation is. The first build of a run compiles as usual.
     */
    private MavenRun maven(List<String> tests, Path log, boolean staleOnly) throws Exception {
        Set<String> modules = new LinkedHashSet<>();
        List<String> unit = new ArrayList<>();
        List<String> its = new ArrayList<>();
        for (String test : tests) {
            modules.add(testModules.get(classOf(test)));
            (classOf(test).endsWith("IT") ? its : unit).add(test);
        }
        for (String module : modules) {
            deleteRecursively(worktree.resolve(module).resolve("target/surefire-reports"));
            deleteRecursively(worktree.resolve(module).resolve("target/failsafe-reports"));
        }
        List<String> command = new ArrayList<>(List.of(worktree.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString(),
                "-B", "-ntp", "-pl", String.join(",", modules), "-am", "test-compile"));
        if (staleOnly) {
            command.add("-Dmaven.compiler.useIncrementalCompilation=false");
        }
        if (!unit.isEmpty()) {
            command.add("surefire:test");
            command.add("-Dtest=" + String.join(",", unit));
            command.add("-Dsurefire.failIfNoSpecifiedTests=false");
        }
        if (!its.isEmpty()) {
            command.add("failsafe:integration-test");
            command.add("failsafe:verify");
            command.add("-Dit.test=" + String.join(",", its));
            command.add("-Dfailsafe.failIfNoSpecifiedTests=false");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(worktree.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process = builder.start();
        running = process;
        long timeoutMinutes = Long.parseLong(System.getenv().getOrDefault("MUTATIONS_TIMEOUT_MINUTES", "15"));
        boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new MavenRun(finished ? process.exitValue() : -1, !finished, output);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase().contains("win");
    }

    // ---------------------------------------------------------------------------------------- worktree

    private void prepareWorktree(String head) throws Exception {
        String configured = System.getenv("MUTATIONS_WORKTREE");
        worktree = configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath()
                : Path.of(System.getProperty("java.io.tmpdir"), "commerce-mutations-" + shortHash(repo.toString()));
        git(repo, "worktree", "prune");
        if (Files.exists(worktree.resolve(".git"))) {
            git(worktree, "checkout", "--force", "--detach", head);
        } else {
            if (Files.exists(worktree)) {
                throw new IllegalStateException(worktree + " exists and is not a git worktree; remove it or set MUTATIONS_WORKTREE");
            }
            git(repo, "worktree", "add", "--detach", worktree.toString(), head);
        }
        System.out.println("Mutating a copy of HEAD " + head.substring(0, 12) + " in " + worktree);
    }

    private void resetWorktree() throws Exception {
        git(worktree, "checkout", "--", ".");
    }

    private void removeWorktree() throws Exception {
        if (worktree == null || "1".equals(System.getenv("MUTATIONS_KEEP_WORKTREE"))) {
            return;
        }
        git(repo, "worktree", "remove", "--force", worktree.toString());
    }

    private void warnAboutUncommittedChanges() throws Exception {
        String changes = git(repo, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)infra/mutations");
        if (!changes.isBlank()) {
            System.out.println("Note: the mutants are made from HEAD; these uncommitted changes are not in them:");
            changes.lines().forEach(l -> System.out.println("  " + l));
        }
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ":\n" + output);
        }
        return output;
    }

    /** Simple class name of every test class under a module's src/test/java → that module (null if in several). */
    private static Map<String, String> indexTests(Path root) throws IOException {
        Map<String, String> modules = new LinkedHashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return name.equals("target") || name.equals(".git") || name.equals("node_modules")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = root.relativize(file).toString().replace('\\', '/');
                int at = path.indexOf("/src/test/java/");
                if (at > 0 && path.endsWith(".java")) {
                    String module = path.substring(0, at);
                    String name = file.getFileName().toString().replaceFirst("\\.java$", "");
                    modules.merge(name, module, (a, b) -> a.equals(b) ? a : null);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return modules;
    }

    // ------------------------------------------------------------------------------------------ report

    private void writeReport(List<Outcome> outcomes, String head, Instant started, boolean finished) throws IOException {
        long total = Duration.between(started, Instant.now()).toSeconds();
        StringBuilder md = new StringBuilder();
        md.append("# Guard mutations\n\n");
        md.append("HEAD `").append(head, 0, 12).append("`, started ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0)))
                .append(" UTC, ").append(total / 60).append(" min ").append(total % 60).append(" s")
                .append(finished ? "" : " (still running)").append(". List: `infra/mutations/guards.tsv`; ")
                .append("what this is: `docs/mutations.md`.\n\n");
        md.append(table(outcomes)).append('\n');
        Files.createDirectories(targetDir);
        Files.writeString(targetDir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String table(List<Outcome> outcomes) {
        StringBuilder md = new StringBuilder("| id | guard | tests | result | s | note |\n|---|---|---|---|---:|---|\n");
        for (Outcome o : outcomes) {
            md.append("| ").append(cell(o.entry().id())).append(" | ").append(cell(o.entry().guard())).append(" | ")
                    .append(cell(String.join(", ", o.entry().tests()))).append(" | ").append(o.result()).append(" | ")
                    .append(o.seconds()).append(" | ").append(cell(o.note())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String oneLine(String text) {
        return text.replace("\n", "\\n");
    }

    // ------------------------------------------------------------------------------------------- misc

    private static long seconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    private static String shortHash(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 10);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
