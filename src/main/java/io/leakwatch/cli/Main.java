package io.leakwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code leakwatch} command. Exit codes: 0 ok, 1 runtime failure, 2 usage or config error.
 * Subcommands are listed in {@link #subcommands()}; add new ones there.
 */
@Command(name = "leakwatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Continuous memory-leak monitor for the JVM.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 usage or config error."})
public final class Main implements Runnable {

    /** Runtime failure (a target could not be sampled, a port was taken, ...). */
    public static final int EXIT_FAILURE = 1;
    /** Bad command line or config file. */
    public static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    /** The subcommands, in the order {@code --help} lists them. */
    static List<Object> subcommands() {
        return List.of(new RunCommand(), new DemoCommand(), new SampleCommand(), new AnalyzeCommand(),
                new DiffCommand(), new CapturesCommand());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        subcommands().forEach(cli::addSubcommand);
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("leakwatch: " + e);
            e.printStackTrace(line.getErr());
            return EXIT_FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"leakwatch " + (v == null ? "dev" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
