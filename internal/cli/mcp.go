package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/mcp"
)

// mcpOptions are the inputs of `iamsim mcp`: the protocol's streams, the
// read limits of the root flags, and the context that ends the server.
type mcpOptions struct {
	Engine  api.Engine
	Stdin   io.Reader
	Stdout  io.Writer
	Context context.Context
}

func newMCPCmd(runF func(*mcpOptions) error) *cobra.Command {
	opts := &mcpOptions{}
	cmd := &cobra.Command{
		Use:   "mcp",
		Short: "Serve iamsim's tools to coding assistants over the Model Context Protocol (stdio)",
		Long: `Mcp runs a Model Context Protocol server on standard input and output, so
that a coding assistant can check the policies it writes: its tools are
eval, lint, expand, can, who-can and diff, each the command of the same
name, answering with structured content and text. Register it with the
assistant as the command "iamsim" with the argument "mcp"; docs/mcp.md
shows how, and lists the tools and their arguments.

The root flags' limits (--max-file-size, --max-policy-size, ...) bound
what every tool call reads. The server stops when the client closes
standard input.

Exit status: 0 the client closed the session, 2 a protocol error.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdin, opts.Stdout, opts.Context = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.Context()
			opts.Engine = engine(cmd)
			return runF(opts)
		},
	}
	return cmd
}

func runMCP(opts *mcpOptions) error {
	return mcp.Run(opts.Context, opts.Engine, Version, opts.Stdin, opts.Stdout)
}
