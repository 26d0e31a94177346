resource "aws_organizations_policy" "deny_regions" {
  name = "deny-other-regions"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyOtherRegions"
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*"]
      Resource  = "*"
      Condition = {
        StringNotEquals = {
          "aws:RequestedRegion" = ["us-east-1", "eu-west-1"]
        }
      }
    }]
  })
}

resource "aws_organizations_policy" "tags" {
  name    = "tag-policy"
  type    = "TAG_POLICY"
  content = jsonencode({ tags = {} })
}
