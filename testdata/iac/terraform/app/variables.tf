variable "environment" {
  type        = string
  description = "Deployment environment, part of every name."
  default     = "dev"
}

variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "bucket_name" {
  type = string
}

variable "admin_users" {
  type    = list(string)
  default = ["alice"]
}

variable "trusted_services" {
  type    = list(string)
  default = ["ec2.amazonaws.com", "lambda.amazonaws.com"]
}
