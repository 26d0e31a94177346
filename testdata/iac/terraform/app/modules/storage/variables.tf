variable "bucket_name" {
  type = string
}

variable "reader_arn" {
  type = string
}

variable "queues" {
  type    = list(string)
  default = []
}
