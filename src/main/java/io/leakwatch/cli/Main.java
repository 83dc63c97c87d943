package io.leakwatch.cli; public class Main { public static void main(String[] a){} }
