package catalog

import (
	"encoding/json"
)

// fileData is the catalog file read into the catalog's own types, before
// decode indexes it.
type fileData struct {
	header     Info
	services   []*Service
	globalKeys []*ConditionKey
	aliases    map[string][]string
}

// readFile reads the catalog file's JSON (the schema of package catfile)
// straight into the catalog's types: it walks the known schema with a
// scanner instead of reflection, the strings it returns share the input's
// memory, and each service's actions, resource types and keys are
// allocated together. A test holds the result to json.Unmarshal on the
// embedded file. The header and the key aliases, a few hundred bytes, go
// through encoding/json. Each service is passed to read as soon as it is
// complete; readFile does not touch it after.
func readFile(raw string, read func(*Service)) (*fileData, error) {
	d := &scanner{s: raw}
	f := &fileData{}
	d.object(func(key string) {
		switch key {
		case "header":
			d.unmarshal(&f.header)
		case "keyAliases":
			d.unmarshal(&f.aliases)
		case "services":
			d.array(func() {
				s := d.service()
				f.services = append(f.services, s)
				if d.err == nil {
					read(s)
				}
			})
		case "globalKeys":
			f.globalKeys = d.conditionKeys(true)
		default:
			d.skip()
		}
	})
	if d.err == nil && d.peek() != 0 {
		d.fail("data after the catalog")
	}
	return f, d.err
}

// unmarshal reads one value with encoding/json.
func (d *scanner) unmarshal(v any) {
	start := d.i
	d.skip()
	if d.err != nil {
		return
	}
	if err := json.Unmarshal([]byte(d.s[start:d.i]), v); err != nil {
		d.i = start
		d.fail("%v", err)
	}
}

func (d *scanner) service() *Service {
	s := &Service{}
	d.object(func(key string) {
		switch key {
		case "prefix":
			s.Prefix = d.str()
		case "name":
			s.Name = d.str()
		case "actions":
			// Collected in a buffer reused across services, then copied
			// once at their final number.
			d.actions = d.actions[:0]
			d.array(func() {
				d.actions = append(d.actions, Action{})
				d.action(&d.actions[len(d.actions)-1])
			})
			all := make([]Action, len(d.actions))
			copy(all, d.actions)
			s.Actions = make([]*Action, len(all))
			for i := range all {
				s.Actions[i] = &all[i]
			}
		case "resourceTypes":
			var all []ResourceType
			d.array(func() {
				all = append(all, ResourceType{})
				r := &all[len(all)-1]
				d.object(func(key string) {
					switch key {
					case "name":
						r.Name = d.str()
					case "arn":
						r.ARN = d.str()
					case "keys":
						r.ConditionKeys = d.strs()
					default:
						d.skip()
					}
				})
			})
			for i := range all {
				s.ResourceTypes = append(s.ResourceTypes, &all[i])
			}
		case "conditionKeys":
			s.ConditionKeys = d.conditionKeys(false)
		default:
			d.skip()
		}
	})
	if s.Actions == nil {
		s.Actions = []*Action{}
	}
	return s
}

func (d *scanner) action(a *Action) {
	d.object(func(key string) {
		switch key {
		case "name":
			a.Name = d.str()
		case "access":
			a.AccessLevels = d.strs()
		case "resources":
			a.Resources = d.actionResources()
		case "keys":
			a.ConditionKeys = d.strs()
		case "scenarios":
			d.array(func() {
				var sc Scenario
				d.object(func(key string) {
					switch key {
					case "name":
						sc.Name = d.str()
					case "resources":
						sc.Resources = d.actionResources()
					default:
						d.skip()
					}
				})
				a.Scenarios = append(a.Scenarios, sc)
			})
		default:
			d.skip()
		}
	})
}

// actionResources reads an action's resource types; none gives nil.
func (d *scanner) actionResources() []ActionResource {
	if d.null() {
		return nil
	}
	var out []ActionResource
	d.array(func() {
		var r ActionResource
		d.object(func(key string) {
			switch key {
			case "type":
				r.Type = d.str()
			case "required":
				r.Required = d.boolean()
			case "keys":
				r.ConditionKeys = d.strs()
			default:
				d.skip()
			}
		})
		out = append(out, r)
	})
	return out
}

// conditionKeys reads a list of keys. Only the global keys keep their
// category.
func (d *scanner) conditionKeys(global bool) []*ConditionKey {
	if d.null() {
		return nil
	}
	var all []ConditionKey
	d.array(func() {
		k := ConditionKey{Global: global}
		d.object(func(key string) {
			switch key {
			case "name":
				k.Name = d.str()
			case "type":
				k.Type = d.str()
			case "category":
				if c := d.str(); global {
					k.Category = c
				}
			default:
				d.skip()
			}
		})
		all = append(all, k)
	})
	if len(all) == 0 {
		return nil
	}
	out := make([]*ConditionKey, len(all))
	for i := range all {
		out[i] = &all[i]
	}
	return out
}
