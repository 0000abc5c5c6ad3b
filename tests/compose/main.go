// composecheck loads a docker-compose file with an env file through compose-go, the loader
// `docker compose` itself uses, and prints what `docker compose config` would see as JSON:
//
//	{"variables": [{"name", "required", "default", "defined"}...], "project": {...}}
//
// Only the env file is the environment (not this process's), so a variable the env file lacks
// shows as undefined. A file compose rejects prints {"error": "..."} and exits 1.
//
// Usage: composecheck COMPOSE_FILE [OVERRIDE_FILE...] ENV_FILE (files merged in order, as
// `docker compose -f A -f B` merges them; variables are those of every file)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/template"
	"go.yaml.in/yaml/v3"
)

type variable struct {
	Name     string `json:"name"`
	Required bool   `json:"required"`
	Default  string `json:"default"`
	Defined  bool   `json:"defined"`
}

func fail(err error) {
	out, _ := json.Marshal(map[string]string{"error": err.Error()})
	fmt.Println(string(out))
	os.Exit(1)
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: composecheck COMPOSE_FILE [OVERRIDE_FILE...] ENV_FILE")
		os.Exit(2)
	}
	files, envFile := os.Args[1:len(os.Args)-1], os.Args[len(os.Args)-1]
	file := files[0]
	found := map[string]template.Variable{}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			fail(err)
		}
		var model map[string]any
		if err := yaml.Unmarshal(raw, &model); err != nil {
			fail(err)
		}
		for key, v := range template.ExtractVariables(model, template.DefaultPattern) {
			if old, seen := found[key]; !seen || (v.Required && !old.Required) {
				found[key] = v
			}
		}
	}
	options, err := cli.NewProjectOptions(
		files,
		cli.WithWorkingDirectory(filepath.Dir(file)),
		cli.WithName("rasd"),
		cli.WithEnvFiles(envFile),
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
	)
	if err != nil {
		fail(err)
	}
	variables := []variable{}
	for name, v := range found {
		_, defined := options.Environment[name]
		variables = append(variables, variable{name, v.Required, v.DefaultValue, defined})
	}
	sort.Slice(variables, func(i, j int) bool { return variables[i].Name < variables[j].Name })
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	rendered, err := project.MarshalJSON()
	if err != nil {
		fail(err)
	}
	out, err := json.Marshal(map[string]any{"variables": variables, "project": json.RawMessage(rendered)})
	if err != nil {
		fail(err)
	}
	fmt.Println(string(out))
}
