// Command gen writes request lines for `iamsim eval --requests`, to
// measure batch throughput against testdata/batch/identity-app-new.json:
//
//	go run ./testdata/batch/gen -n 10000000 > /tmp/10m.jsonl
//
// Callers, actions and regions cycle through small sets, as in real
// traffic; every line names a different object.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
)

func main() {
	n := flag.Int("n", 1000000, "number of lines")
	context := flag.Bool("context", true, "give aws:RequestedRegion and aws:SourceIp")
	flag.Parse()
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObject", "dynamodb:GetItem", "s3:DeleteObject", "s3:GetObject", "cloudwatch:PutMetricData"}
	regions := []string{"eu-west-1", "eu-west-1", "eu-west-1", "us-east-1"}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	var b []byte
	for i := 0; i < *n; i++ {
		b = append(b[:0], `{"principal":"arn:aws:iam::111122223333:user/user`...)
		b = strconv.AppendInt(b, int64(i%100), 10)
		b = append(b, `","action":"`...)
		b = append(b, actions[i%len(actions)]...)
		b = append(b, `","resource":"arn:aws:s3:::example-app-data/data/obj-`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `.json","resourceAccount":"111122223333"`...)
		if *context {
			b = append(b, `,"context":{"aws:RequestedRegion":"`...)
			b = append(b, regions[i%len(regions)]...)
			b = append(b, `","aws:SourceIp":"203.0.113.`...)
			b = strconv.AppendInt(b, int64(i%250), 10)
			b = append(b, `"}`...)
		}
		b = append(b, "}\n"...)
		if _, err := w.Write(b); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
