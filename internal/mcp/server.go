// Package mcp is iamsim's Model Context Protocol server: a front end, like
// the command line, that turns each tool call into the options of a
// question of internal/api and returns the answer as structured content
// with a text rendering (docs/mcp.md). Coding assistants call it to check
// the policies they write.
package mcp

import (
	"context"
	"fmt"
	"io"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/iamsim/iamsim/internal/api"
)

// NewServer returns the MCP server of iamsim at version, whose tools read
// their inputs within the engine's limits.
func NewServer(e api.Engine, version string) *sdk.Server {
	s := sdk.NewServer(&sdk.Implementation{Name: "iamsim", Title: "iamsim: offline AWS IAM policy evaluator and linter", Version: version}, nil)
	addTool(s, "eval", "Decide whether AWS would allow requests (every action with every resource) under the given policies or account data, "+
		"and explain the decision in AWS's evaluation order with the deciding statements' positions.", e, evalTool)
	addTool(s, "lint", "Lint IAM policies (inline JSON or files, templates, Terraform, FILE#SELECTOR references): findings with rule, level, position and message.", e, lintTool)
	addTool(s, "expand", "List the actions of the AWS service catalog that an action pattern such as s3:Get* matches, with their access levels.", e, expandTool)
	addTool(s, "can", "List every action a principal of loaded account data (exports or infrastructure code) may perform, by access level.", e, canTool)
	addTool(s, "who-can", "List the principals of loaded account data (exports or infrastructure code) that may perform an action on a resource.", e, whoCanTool)
	addTool(s, "diff", "Compare two versions of a policy (files, references or inline JSON) and list what the new one allows that the old did not, each with a witness request.", e, diffTool)
	return s
}

// Run serves the MCP protocol on in and out (newline-delimited JSON-RPC,
// the stdio transport) until the client closes in or ctx ends.
func Run(ctx context.Context, e api.Engine, version string, in io.Reader, out io.Writer) error {
	return NewServer(e, version).Run(ctx, &sdk.IOTransport{Reader: io.NopCloser(in), Writer: nopCloser{out}})
}

// nopCloser is a writer whose Close does nothing: the caller owns out.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// handler answers one tool call: its output, and the text content that
// says it to a reader ("" for the output's JSON).
type handler[In, Out any] func(e api.Engine, in In) (Out, string, error)

// addTool adds a tool whose input and output schemas are inferred from
// In and Out. An error, and a panic (a bug in iamsim, never the caller's
// doing), become a tool error result the client's model can read; a
// request never ends the server.
func addTool[In, Out any](s *sdk.Server, name, description string, e api.Engine, h handler[In, Out]) {
	sdk.AddTool(s, &sdk.Tool{Name: name, Description: description},
		func(_ context.Context, _ *sdk.CallToolRequest, in In) (res *sdk.CallToolResult, out Out, err error) {
			defer func() {
				if v := recover(); v != nil {
					var zero Out
					res, out, err = nil, zero, fmt.Errorf("internal error in iamsim (please report it): %s", strings.Join(strings.Fields(fmt.Sprint(v)), " "))
				}
			}()
			out, text, err := h(e, in)
			if err != nil {
				return nil, out, err
			}
			if text == "" {
				return nil, out, nil
			}
			return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: text}}}, out, nil
		})
}
